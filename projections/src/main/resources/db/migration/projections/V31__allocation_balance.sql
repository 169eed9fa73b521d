-- The balance view of API.md, one row per allocation, every quantity in exact GPU-seconds.
CREATE TABLE allocation_balance (
    allocation_id            VARCHAR(200) PRIMARY KEY,
    project_id               VARCHAR(200) NOT NULL,
    pool_id                  VARCHAR(200) NOT NULL,
    funding_source           VARCHAR(40)  NOT NULL,
    scheduler_account        VARCHAR(200),
    period_start             TIMESTAMPTZ  NOT NULL,
    period_end               TIMESTAMPTZ  NOT NULL,
    over_consumption_percent INTEGER      NOT NULL,
    granted                  BIGINT       NOT NULL DEFAULT 0,
    supplemented             BIGINT       NOT NULL DEFAULT 0,
    consumed                 BIGINT       NOT NULL DEFAULT 0,
    refunded                 BIGINT       NOT NULL DEFAULT 0,
    transferred_in           BIGINT       NOT NULL DEFAULT 0,
    transferred_out          BIGINT       NOT NULL DEFAULT 0,
    clawed_back              BIGINT       NOT NULL DEFAULT 0,
    expired                  BIGINT       NOT NULL DEFAULT 0,
    standing                 VARCHAR(20)  NOT NULL DEFAULT 'WITHIN_GRANT',
    suspended                BOOLEAN      NOT NULL DEFAULT FALSE,
    has_expired              BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX allocation_balance_project ON allocation_balance (project_id);
CREATE INDEX allocation_balance_account ON allocation_balance (scheduler_account);
