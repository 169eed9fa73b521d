-- API tokens for machines (docs/security.md). The secret itself is never stored: only its SHA-256 (hex), which is enough
-- for a secret of 190 random bits and lets a request find its token by an index lookup. Rows are never deleted:
-- a revoked or expired token stays, with who created and who revoked it.
CREATE TABLE api_token (
    token_id      VARCHAR(40)  PRIMARY KEY,
    secret_sha256 VARCHAR(64)  NOT NULL UNIQUE,
    name          VARCHAR(100) NOT NULL,
    description   VARCHAR(500),
    role          VARCHAR(40)  NOT NULL,
    scope         VARCHAR(4000) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(300) NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    revoked_at    TIMESTAMPTZ,
    revoked_by    VARCHAR(300),
    last_used_at  TIMESTAMPTZ
);
CREATE INDEX api_token_created ON api_token (created_at, token_id);
