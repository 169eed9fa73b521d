-- Who funds each allocation, for the statements' rule that a funder's statement names only its own allocations
-- (Directory.fundingSourceOfAllocation, issue 14). Allocations granted before this migration get theirs from their
-- grant, the first event of the allocation's stream, as stored (JSON, BYTEA).
ALTER TABLE directory_allocation ADD COLUMN funding_source VARCHAR(40);

-- [jooq ignore start]
UPDATE directory_allocation d
SET funding_source = convert_from(e.payload, 'UTF8')::json ->> 'fundingSource'
FROM domain_event_entry e
WHERE e.aggregate_identifier = d.allocation_id
  AND e.sequence_number = 0
  AND e.payload_type = 'eu.gpuledger.ledger.allocation.AllocationGranted';
-- [jooq ignore stop]
