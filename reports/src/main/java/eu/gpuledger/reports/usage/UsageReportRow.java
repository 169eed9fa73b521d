package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.quantity.Eur;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;

import java.util.Map;

/**
 * One group of a usage report. Consumption and refunds are those whose effective time falls in the report's
 * period. Granted and balance are allocation-level figures of the allocations in the group whose period overlaps
 * the report's; they are null when the report is grouped by month (an allocation's grant does not split by month).
 */
public record UsageReportRow(Map<String, String> group, GpuSeconds granted, GpuSeconds consumed, GpuSeconds refunded,
                             GpuSeconds balance, NormalisedGpuSeconds normalisedConsumed,
                             NormalisedGpuSeconds normalisedRefunded, Eur eurConsumed, Eur eurRefunded,
                             long allocations) {

    public GpuSeconds netConsumed() {
        return consumed.minus(refunded);
    }

    public NormalisedGpuSeconds normalisedNetConsumed() {
        return normalisedConsumed.minus(normalisedRefunded);
    }
}
