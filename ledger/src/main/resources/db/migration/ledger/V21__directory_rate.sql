-- The rate cards as the write side needs them (issue 14): one version of a funder's rate on a pool per instant,
-- checked before a rate is added (Directory.rateVersionAt); written in the command's transaction by DirectoryUpdater.
CREATE TABLE directory_rate (
    rate_id        VARCHAR(200) PRIMARY KEY,
    funder         VARCHAR(40)  NOT NULL,
    pool_id        VARCHAR(200) NOT NULL,
    effective_from TIMESTAMPTZ  NOT NULL,
    unit           VARCHAR(40)  NOT NULL,
    eur_per_hour   NUMERIC      NOT NULL,
    UNIQUE (funder, pool_id, effective_from)
);
