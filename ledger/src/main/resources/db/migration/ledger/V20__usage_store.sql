-- The usage store: one row per charged job, written in the same transaction as the ConsumptionRecorded events
-- that charge it. Its keys make every job count exactly once: the same (cluster, job) again is a duplicate when
-- its content hash matches and a conflict when it does not. Refunds read the job's charge from here.
CREATE TABLE usage_record (
    record_id               VARCHAR(300) PRIMARY KEY,
    cluster                 VARCHAR(200) NOT NULL,
    job_id                  VARCHAR(200) NOT NULL,
    content_hash            BIGINT       NOT NULL,
    allocation_id           VARCHAR(200) NOT NULL,
    gpu_seconds             BIGINT       NOT NULL,
    effective_at            TIMESTAMPTZ  NOT NULL,
    normalised_per_gpu_hour NUMERIC,
    eur_per_gpu_hour        NUMERIC,
    UNIQUE (cluster, job_id)
);

-- Records that could not be charged because no allocation held them: kept, with their reason, for a retry once
-- the allocation exists. Nothing is dropped silently.
CREATE TABLE usage_unmatched (
    record_id    VARCHAR(300) PRIMARY KEY,
    cluster      VARCHAR(200) NOT NULL,
    job_id       VARCHAR(200) NOT NULL,
    account      VARCHAR(200) NOT NULL,
    partition    VARCHAR(200) NOT NULL,
    record       TEXT         NOT NULL,
    reason       TEXT         NOT NULL,
    first_seen   TIMESTAMPTZ  NOT NULL,
    last_tried   TIMESTAMPTZ  NOT NULL,
    attempts     INTEGER      NOT NULL DEFAULT 1
);
