package eu.gpuledger.ledger.usage.charging;

import eu.gpuledger.ledger.directory.LedgerDirectory.PoolEntry;

/**
 * A record that costs GPU-seconds, with its pool and charge: what the usage store deduplicates and records.
 *
 * @param lineNumber where it was read, for a later refusal (no allocation for its account and end time...)
 * @param record     the Slurm job or billed usage record
 */
public record ChargedUsage<R>(long lineNumber, R record, PoolEntry pool, ChargeDecision decision) {
}
