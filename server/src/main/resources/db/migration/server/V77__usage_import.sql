-- The imports of usage, one row per request that sent usage in (a sacct file, a billed-usage CSV, JSON records, a
-- retry of kept usage), with what its answer said. The events say what was charged, record by record, but not that
-- an import happened, nor its duplicates, ignored and rejected lines: those live only in the answer, which a
-- script may have dropped. Kept so that a centre's staff can see the imports of the last days (the console's
-- dashboard, GET /api/v1/usage/imports). Never updated; written after the import's batches committed, so a row
-- never claims more than was booked.
CREATE TABLE usage_import (
    import_number       BIGSERIAL     PRIMARY KEY,
    kind                VARCHAR(20)   NOT NULL,
    cluster             VARCHAR(200),
    provider_id         VARCHAR(200),
    principal           VARCHAR(300)  NOT NULL,
    finished_at         TIMESTAMPTZ   NOT NULL,
    accepted            BIGINT        NOT NULL,
    duplicates          BIGINT        NOT NULL,
    ignored             BIGINT        NOT NULL,
    rejected            BIGINT        NOT NULL,
    charged_gpu_seconds BIGINT        NOT NULL
);
CREATE INDEX usage_import_finished ON usage_import (finished_at);
CREATE INDEX usage_import_provider ON usage_import (provider_id, import_number);
