-- The write side's directory: what exists, kept in the same transaction as the events that create it
-- (a subscribing processor), for checks that span aggregates (a grant names a known project and pool,
-- scheduler accounts do not overlap) and for mapping usage to allocations.

CREATE TABLE directory_provider (
    provider_id      VARCHAR(200) PRIMARY KEY,
    kind             VARCHAR(20)  NOT NULL,
    euro_hpc_hosted  BOOLEAN      NOT NULL,
    ju_share_percent NUMERIC
);

CREATE TABLE directory_cluster (
    cluster     VARCHAR(200) PRIMARY KEY,
    provider_id VARCHAR(200) NOT NULL,
    time_zone   VARCHAR(100) NOT NULL
);

CREATE TABLE directory_pool (
    pool_id       VARCHAR(200) PRIMARY KEY,
    provider_id   VARCHAR(200) NOT NULL,
    cluster       VARCHAR(200) NOT NULL,
    partition     VARCHAR(200) NOT NULL,
    gpu_model     VARCHAR(200) NOT NULL,
    gpus_per_node INTEGER      NOT NULL,
    cpus_per_node INTEGER      NOT NULL,
    charged       BOOLEAN      NOT NULL,
    UNIQUE (cluster, partition)
);

CREATE TABLE directory_pool_factor (
    pool_id                 VARCHAR(200) NOT NULL,
    effective_from          TIMESTAMPTZ  NOT NULL,
    normalised_per_gpu_hour NUMERIC      NOT NULL,
    PRIMARY KEY (pool_id, effective_from)
);

CREATE TABLE directory_pool_price (
    pool_id          VARCHAR(200) NOT NULL,
    effective_from   TIMESTAMPTZ  NOT NULL,
    eur_per_gpu_hour NUMERIC      NOT NULL,
    PRIMARY KEY (pool_id, effective_from)
);

CREATE TABLE directory_project (
    project_id  VARCHAR(200) PRIMARY KEY,
    audience    VARCHAR(40)  NOT NULL,
    sector      VARCHAR(200) NOT NULL,
    access_mode VARCHAR(40)  NOT NULL
);

CREATE TABLE directory_allocation (
    allocation_id     VARCHAR(200) PRIMARY KEY,
    project_id        VARCHAR(200) NOT NULL,
    pool_id           VARCHAR(200) NOT NULL,
    scheduler_account VARCHAR(200),
    period_start      TIMESTAMPTZ  NOT NULL,
    period_end        TIMESTAMPTZ  NOT NULL,
    expired           BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX directory_allocation_account ON directory_allocation (pool_id, scheduler_account, period_start);
CREATE INDEX directory_allocation_open_by_end ON directory_allocation (period_end) WHERE NOT expired;
