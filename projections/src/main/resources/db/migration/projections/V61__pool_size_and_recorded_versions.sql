-- Billing statements (issue 14) are drawn up as known at an instant, like every statement: the catalogue's
-- effective-dated versions they read (rates, factors, pool sizes) carry the time each was recorded, so that a version
-- recorded after a statement's issue, even one effective inside its period, never changes it (docs/statements.md).
-- Versions recorded before these columns existed have none (NULL): they count as known since always; a rebuild of
-- the catalogue projection fills them from the events' times.
ALTER TABLE view_rate ADD COLUMN recorded_at TIMESTAMPTZ;
ALTER TABLE view_pool_factor ADD COLUMN recorded_at TIMESTAMPTZ;

-- A pool's size in nodes from an instant on (PoolSized): with its GPUs per node, its capacity over a period, which the
-- JU billing statement measures the JU share against.
CREATE TABLE view_pool_size (
    pool_id        VARCHAR(200) NOT NULL,
    effective_from TIMESTAMPTZ  NOT NULL,
    nodes          INTEGER      NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (pool_id, effective_from)
);
