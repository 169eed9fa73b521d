package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.util.List;

/**
 * What became of each record of a batch.
 *
 * @param accepted   records booked now
 * @param duplicates records already booked with the same content
 * @param rejected   records refused, each with its line and reason: a conflicting duplicate, or no allocation
 */
public record UsageBatchOutcome(long accepted, long duplicates, List<Rejection> rejected, GpuSeconds chargedGpuSeconds) {

    /** A record that was not booked, with the line it came from and why. */
    public record Rejection(long line, UsageRecordId recordId, String reason) {
    }
}
