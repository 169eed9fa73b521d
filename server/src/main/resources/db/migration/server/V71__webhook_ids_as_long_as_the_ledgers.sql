-- The ledger's ids have up to 200 characters (Identifiers.LENGTH_MAX); V70 gave the webhooks' copies of them 100, so
-- the notices processor failed on an allocation with a longer id and stalled every write waiting for it
-- (InputBoundsOverHttpTest). An EXPIRING notice's id adds a prefix and the period's end to an allocation id.
ALTER TABLE webhook ALTER COLUMN webhook_id TYPE VARCHAR(200);
ALTER TABLE webhook ALTER COLUMN provider_id TYPE VARCHAR(200);
ALTER TABLE webhook ALTER COLUMN cluster TYPE VARCHAR(200);
ALTER TABLE webhook_allocation ALTER COLUMN allocation_id TYPE VARCHAR(200);
ALTER TABLE webhook_allocation ALTER COLUMN provider_id TYPE VARCHAR(200);
ALTER TABLE webhook_allocation ALTER COLUMN cluster TYPE VARCHAR(200);
ALTER TABLE webhook_allocation ALTER COLUMN pool_id TYPE VARCHAR(200);
ALTER TABLE webhook_delivery ALTER COLUMN webhook_id TYPE VARCHAR(200);
ALTER TABLE webhook_delivery ALTER COLUMN notice_id TYPE VARCHAR(300);
