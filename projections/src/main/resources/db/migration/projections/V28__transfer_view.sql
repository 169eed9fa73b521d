-- Transfers as the API shows them: the request with its conversion, and where the saga got to.
CREATE TABLE transfer_view (
    transfer_id        VARCHAR(200) PRIMARY KEY,
    from_allocation_id VARCHAR(200) NOT NULL,
    to_allocation_id   VARCHAR(200) NOT NULL,
    debit              BIGINT       NOT NULL,
    credit             BIGINT       NOT NULL,
    basis              VARCHAR(20)  NOT NULL,
    source_rate        NUMERIC      NOT NULL,
    target_rate        NUMERIC      NOT NULL,
    remainder          NUMERIC      NOT NULL,
    reason             TEXT,
    state              VARCHAR(20)  NOT NULL,
    rejection_reason   TEXT,
    requested_at       TIMESTAMPTZ  NOT NULL,
    settled_at         TIMESTAMPTZ
);
