package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * A movement would take an allocation past a bound of {@link eu.gpuledger.ledger.limits.LedgerLimits}: more hours
 * held in all than the largest allocation, or more consumption than it can be charged. The bounds keep every sum
 * of the ledger within a long (docs/bounds.md).
 */
public class AllocationLimitExceeded extends RuleRefusal {
    public AllocationLimitExceeded(String message) {
        super(message);
    }

    /**
     * The largest allocation: what an allocation holds in all (grant, supplements, transfers in) stays within
     * {@link LedgerLimits#ALLOCATION_GPU_SECONDS_MAX}.
     */
    static void assertWithinAllocationMax(AllocationId allocation, Buckets buckets, GpuSeconds incoming,
                                          String movement) {
        long heldInAll = Math.addExact(buckets.usedPercentBase().value(), buckets.transferredIn().value());
        if (incoming.value() > LedgerLimits.ALLOCATION_GPU_SECONDS_MAX - heldInAll) {
            throw new AllocationLimitExceeded("a " + movement + " of " + incoming.value() + " GPU-seconds would take"
                    + " allocation " + allocation + " past the largest allocation of "
                    + LedgerLimits.ALLOCATION_GPU_HOURS_MAX + " GPU-hours (" + LedgerLimits.ALLOCATION_GPU_SECONDS_MAX
                    + " GPU-seconds granted, supplemented and transferred in, in all); it holds " + heldInAll);
        }
    }

    /** The most an allocation can be charged: {@link LedgerLimits#ALLOCATION_CONSUMED_GPU_SECONDS_MAX} in all. */
    static void assertWithinConsumptionMax(AllocationId allocation, Buckets buckets, GpuSeconds charged) {
        if (charged.value() > LedgerLimits.ALLOCATION_CONSUMED_GPU_SECONDS_MAX - buckets.consumed().value()) {
            throw new AllocationLimitExceeded("charges of " + charged.value() + " GPU-seconds would take allocation "
                    + allocation + " past the most an allocation can be charged, "
                    + LedgerLimits.ALLOCATION_CONSUMED_GPU_SECONDS_MAX + " GPU-seconds; it was charged "
                    + buckets.consumed().value());
        }
    }

    @Override
    public String problem() {
        return "allocation-limit-exceeded";
    }
}
