-- Net usage per allocation and UTC day of effective time (a job's end; a refund carries its job's end).
-- Normalised GPU-seconds and EUR use the factor and price each charge recorded (the versions in force then).
CREATE TABLE usage_daily (
    allocation_id          VARCHAR(200) NOT NULL,
    day                    DATE         NOT NULL,
    consumed               BIGINT       NOT NULL DEFAULT 0,
    refunded               BIGINT       NOT NULL DEFAULT 0,
    normalised_consumed    NUMERIC      NOT NULL DEFAULT 0,
    normalised_refunded    NUMERIC      NOT NULL DEFAULT 0,
    eur_consumed           NUMERIC      NOT NULL DEFAULT 0,
    eur_refunded           NUMERIC      NOT NULL DEFAULT 0,
    jobs                   BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (allocation_id, day)
);
