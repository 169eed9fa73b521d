-- The double-entry journal: every event that moves hours posts balanced lines (debits = credits per event).
-- Amounts are exact GPU-seconds. An allocation account's debits minus credits is the allocation's balance.
CREATE TABLE journal_line (
    global_index  BIGINT       NOT NULL,
    line          INTEGER      NOT NULL,
    account       VARCHAR(300) NOT NULL,
    allocation_id VARCHAR(200) NOT NULL,
    movement      VARCHAR(40)  NOT NULL,
    debit         BIGINT       NOT NULL DEFAULT 0,
    credit        BIGINT       NOT NULL DEFAULT 0,
    effective_at  TIMESTAMPTZ  NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (global_index, line),
    CHECK (debit >= 0 AND credit >= 0 AND (debit = 0 OR credit = 0))
);
CREATE INDEX journal_line_allocation ON journal_line (allocation_id, effective_at);
CREATE INDEX journal_line_recorded ON journal_line (recorded_at);

-- What the journal needs to know of each allocation to name its counter-accounts, and to show a balance view as it
-- stood: kept by the journal itself, so that it never waits for (or reads) another projection.
CREATE TABLE journal_allocation (
    allocation_id            VARCHAR(200) PRIMARY KEY,
    project_id               VARCHAR(200) NOT NULL,
    pool_id                  VARCHAR(200) NOT NULL,
    funding_source           VARCHAR(40)  NOT NULL,
    scheduler_account        VARCHAR(200),
    period_start             TIMESTAMPTZ  NOT NULL,
    period_end               TIMESTAMPTZ  NOT NULL,
    over_consumption_percent INTEGER      NOT NULL
);
