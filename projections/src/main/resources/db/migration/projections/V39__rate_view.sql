-- The rate cards as read (GET /rates, issue 14): one row per version, written by the catalogue projection.
-- The last version of the projections' range 28-39: the next read models take a new range (docs/axon-on-postgres.md).
CREATE TABLE view_rate (
    rate_id        VARCHAR(200) PRIMARY KEY,
    funder         VARCHAR(40)  NOT NULL,
    pool_id        VARCHAR(200) NOT NULL,
    effective_from TIMESTAMPTZ  NOT NULL,
    unit           VARCHAR(40)  NOT NULL,
    eur_per_hour   NUMERIC      NOT NULL
);
CREATE INDEX view_rate_by_funder_and_pool ON view_rate (funder, pool_id, effective_from);
