package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.quantity.Eur;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;

import java.util.Map;

/**
 * One group of a usage report. Consumption and refunds are those whose effective time falls in the report's
 * period. Granted (the entitlement: granted + supplemented + transferred in − out − clawed back) and balance are
 * allocation-level figures of the allocations in the group whose period overlaps the report's, or, in a report by
 * month, that month, as they stood at the month's end. The normalised hours and the money are null in a report as
 * known at an instant (the journal it is folded from keeps GPU-seconds only).
 */
public record UsageReportRow(Map<String, String> group, GpuSeconds granted, GpuSeconds consumed, GpuSeconds refunded,
                             GpuSeconds balance, NormalisedGpuSeconds normalisedConsumed,
                             NormalisedGpuSeconds normalisedRefunded, Eur eurConsumed, Eur eurRefunded,
                             long allocations) {

    public GpuSeconds netConsumed() {
        return consumed.minus(refunded);
    }

    public NormalisedGpuSeconds normalisedNetConsumed() {
        return normalisedConsumed == null ? null : normalisedConsumed.minus(normalisedRefunded);
    }
}
