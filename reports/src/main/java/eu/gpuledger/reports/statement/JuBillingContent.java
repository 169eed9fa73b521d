package eu.gpuledger.reports.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The EuroHPC JU billing statement of a hosting provider (issue 14): a line per JU-funded allocation of the provider's
 * pools and rate version, and the JU share measured (Regulation 2021/1173 arts. 17 and 18, DOMAIN.md rule 9).
 */
public record JuBillingContent(BillingSubject subject, Instant knownAt, Party seller, Party buyer,
                               List<BillingLine> lines, List<BillingLine> adjustments, Totals totals,
                               JuShare juShare) implements BillingContent {

    /**
     * The JU share of the period, measured. {@code capacityGpuSeconds}: the provider's charged pools' GPUs (nodes in
     * force × GPUs per node) × the seconds of the period; {@code juShareGpuSeconds} that × {@code juSharePercent} / 100
     * (exact); {@code juUsageGpuSeconds} the JU-funded usage of the period (the lines, net of refunds), flagged
     * {@code juShareExceeded} when above the share; {@code paidUseGpuSeconds} the part of it by projects in paid
     * access (commercial use), against {@code paidUseCapGpuSeconds} = 20% of the share, flagged
     * {@code paidUseCapExceeded} when above.
     */
    public record JuShare(BigDecimal juSharePercent, List<PoolCapacity> pools, long capacityGpuSeconds,
                          BigDecimal juShareGpuSeconds, long juUsageGpuSeconds, boolean juShareExceeded,
                          BigDecimal paidUseCapPercent, BigDecimal paidUseCapGpuSeconds, long paidUseGpuSeconds,
                          boolean paidUseCapExceeded) {
    }

    /** A pool's capacity in the period: its GPU-seconds, from its sizes in force. */
    public record PoolCapacity(String poolId, int gpusPerNode, long capacityGpuSeconds) {
    }
}
