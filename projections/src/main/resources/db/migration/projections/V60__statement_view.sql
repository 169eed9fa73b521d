-- The statements as listed (GET /statements, issue 14): one row per statement, its lifecycle as it went.
-- The projections' first range (28-39) is full: their next range is 60-69 (docs/axon-on-postgres.md).
CREATE TABLE view_statement (
    statement_id   VARCHAR(200)  PRIMARY KEY,
    funder         VARCHAR(40)   NOT NULL,
    kind           VARCHAR(20)   NOT NULL,
    period         VARCHAR(20)   NOT NULL,
    provider_id    VARCHAR(200),
    project_id     VARCHAR(200),
    allocation_id  VARCHAR(200),
    drafted_at     TIMESTAMPTZ   NOT NULL,
    state          VARCHAR(20)   NOT NULL,
    number         VARCHAR(60),
    issued_at      TIMESTAMPTZ,
    issued_by      VARCHAR(300),
    known_at       TIMESTAMPTZ,
    content_sha256 VARCHAR(64),
    credit_note_id VARCHAR(200),
    cancel_reason  VARCHAR(1000),
    cancelled_at   TIMESTAMPTZ,
    cancelled_by   VARCHAR(300)
);
CREATE INDEX view_statement_by_funder ON view_statement (funder, period);
