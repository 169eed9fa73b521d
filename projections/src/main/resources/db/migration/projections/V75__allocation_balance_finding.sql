-- GET /allocations filters by pool (and by provider, through its pools) and pages in allocation id order: an index
-- per pool in that order serves both; the project and scheduler account filters have theirs since V31.
CREATE INDEX allocation_balance_pool ON allocation_balance (pool_id, allocation_id);
-- The provider filter and every centre accountant's reach read the pools of a provider.
CREATE INDEX view_pool_provider ON view_pool (provider_id);
