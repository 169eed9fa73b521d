package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;

/**
 * Give back part or all of what a job was charged: what the client says, the ledger finds the rest
 * ({@link RefundHandler}). Idempotent on the refund id.
 *
 * @param gpuSeconds how much; null for all that is still refundable
 */
public record RefundUsageRecord(UsageRecordId recordId, RefundId refundId, GpuSeconds gpuSeconds, String reason) {
}
