package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * An allocation gives back at most what it consumed net of refunds: its consumption never goes below zero. Apart
 * from {@link RefundExceedsCharge} (a job's own charge), this guards the allocation's books against a job the usage
 * store holds and the allocation's events do not show.
 */
public class RefundExceedsConsumption extends RuleRefusal {
    public RefundExceedsConsumption(String message) {
        super(message);
    }

    static void assertWithinNetConsumption(AllocationId allocation, Buckets buckets, GpuSeconds amount) {
        if (amount.isGreaterThan(buckets.netConsumed())) {
            throw new RefundExceedsConsumption("allocation " + allocation + " has " + buckets.netConsumed().value()
                    + " GPU-seconds of consumption not yet refunded, a refund of " + amount.value() + " exceeds it");
        }
    }

    @Override
    public String problem() {
        return "refund-exceeds-consumption";
    }
}
