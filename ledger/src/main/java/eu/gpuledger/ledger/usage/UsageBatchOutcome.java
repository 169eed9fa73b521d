package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What became of each record of a batch.
 *
 * @param accepted   records booked now
 * @param duplicates records already booked with the same content
 * @param ignored    records that cost nothing, counted by reason (an uncharged pool, a job that never ran)
 * @param rejected   records refused, each with its line and reason, in line order: no pool for its partition, a
 *                   conflicting duplicate, no allocation (kept for a retry)
 */
public record UsageBatchOutcome(long accepted, long duplicates, Map<IgnoredReason, Long> ignored,
                                List<Rejection> rejected, GpuSeconds chargedGpuSeconds) {

    public UsageBatchOutcome {
        ignored = Map.copyOf(ignored);
        rejected = List.copyOf(rejected);
    }

    /** A record that was not booked, with the line it came from and why. */
    public record Rejection(long line, UsageRecordId recordId, String reason) {
    }

    /** This outcome with what the charging rules decided before booking: records ignored and refused. */
    UsageBatchOutcome withCharging(Map<IgnoredReason, Long> ignoredByRules, List<Rejection> refusedByRules) {
        Map<IgnoredReason, Long> allIgnored = new EnumMap<>(IgnoredReason.class);
        allIgnored.putAll(ignored);
        ignoredByRules.forEach((reason, count) -> allIgnored.merge(reason, count, Long::sum));
        List<Rejection> allRejected = new ArrayList<>(rejected);
        allRejected.addAll(refusedByRules);
        allRejected.sort(Comparator.comparingLong(Rejection::line));
        return new UsageBatchOutcome(accepted, duplicates, allIgnored, allRejected, chargedGpuSeconds);
    }
}
