-- Webhooks (docs/webhooks.md). Written by the webhook-notices processor in the transaction of its token (so the
-- event store is the outbox: a notice becomes its deliveries exactly when the token moves past its event), and by the
-- sender, which claims due deliveries with SELECT ... FOR UPDATE SKIP LOCKED.

-- The registrations as of the processor's position (the latest version of each); secrets are for signing only.
CREATE TABLE webhook (
    webhook_id                  VARCHAR(100)  PRIMARY KEY,
    version                     INTEGER       NOT NULL,
    url                         VARCHAR(2000) NOT NULL,
    secret                      VARCHAR(120)  NOT NULL,
    previous_secret             VARCHAR(120),
    previous_secret_valid_until TIMESTAMPTZ,
    events                      VARCHAR(200)  NOT NULL,
    provider_id                 VARCHAR(100),
    cluster                     VARCHAR(100),
    enabled                     BOOLEAN       NOT NULL,
    disabled_cause              VARCHAR(40),
    disabled_detail             VARCHAR(500),
    registered_at               TIMESTAMPTZ   NOT NULL,
    changed_at                  TIMESTAMPTZ   NOT NULL
);

-- What the notices need to know of an allocation: where it is, whose account, its period, and what its quota answer
-- stands on (standing, suspension), as of the processor's position.
CREATE TABLE webhook_allocation (
    allocation_id     VARCHAR(100) PRIMARY KEY,
    provider_id       VARCHAR(100) NOT NULL,
    cluster           VARCHAR(100) NOT NULL,
    pool_id           VARCHAR(100) NOT NULL,
    scheduler_account VARCHAR(200),
    period_start      TIMESTAMPTZ  NOT NULL,
    period_end        TIMESTAMPTZ  NOT NULL,
    standing          VARCHAR(20)  NOT NULL,
    suspended         BOOLEAN      NOT NULL
);
CREATE INDEX webhook_allocation_period_end ON webhook_allocation (period_end);

-- One delivery per (notice, webhook): notice_id is the webhook-id header, the same for every attempt.
CREATE TABLE webhook_delivery (
    delivery_id     BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id       VARCHAR(200) NOT NULL,
    webhook_id      VARCHAR(100) NOT NULL REFERENCES webhook (webhook_id),
    notice_type     VARCHAR(40)  NOT NULL,
    payload         TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    state           VARCHAR(20)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    delivered_at    TIMESTAMPTZ,
    UNIQUE (notice_id, webhook_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_of_webhook ON webhook_delivery (webhook_id, delivery_id);

-- Every attempt: when, how it ended (an HTTP status, or the error), how long it took.
CREATE TABLE webhook_attempt (
    delivery_id BIGINT       NOT NULL REFERENCES webhook_delivery (delivery_id),
    attempt     INTEGER      NOT NULL,
    started_at  TIMESTAMPTZ  NOT NULL,
    http_status INTEGER,
    error       VARCHAR(500),
    latency_ms  BIGINT       NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
