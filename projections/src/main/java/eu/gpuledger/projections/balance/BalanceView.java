package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.Buckets;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The balance view of API.md: the allocation's grant, state and {@link Buckets}, whose balance, entitlement and
 * usedPercent are the ledger's own (docs/allocation-rules.md says why usedPercent leaves transfers and claw-backs
 * out, where the state counts them).
 */
public record BalanceView(String allocationId, String projectId, String poolId, FundingSource fundingSource,
                          String schedulerAccount, Instant periodStart, Instant periodEnd,
                          int overConsumptionPercent, AllocationState state,
                          GpuSeconds granted, GpuSeconds supplemented, GpuSeconds consumed, GpuSeconds refunded,
                          GpuSeconds transferredIn, GpuSeconds transferredOut, GpuSeconds clawedBack,
                          GpuSeconds expired) {

    /** The buckets of this view, which every figure below is computed from. */
    public Buckets buckets() {
        return new Buckets(granted, supplemented, consumed, refunded, transferredIn, transferredOut, clawedBack,
                expired);
    }

    public GpuSeconds entitlement() {
        return buckets().entitlement();
    }

    public GpuSeconds effectiveLimit() {
        return buckets().effectiveLimit(overConsumptionPercent);
    }

    public GpuSeconds netConsumed() {
        return buckets().netConsumed();
    }

    public GpuSeconds balance() {
        return buckets().balance();
    }

    public BigDecimal usedPercent() {
        return buckets().usedPercent();
    }
}
