package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A claw-back may never take the allocation below what was already consumed. */
public class ClawbackBelowConsumption extends RuleRefusal {
    public ClawbackBelowConsumption(String message) {
        super(message);
    }

    /** A claw-back takes only unused hours: never the allocation below what it consumed. */
    static void assertLeavesConsumption(AllocationId allocation, Buckets buckets, GpuSeconds amount) {
        if (amount.isGreaterThan(buckets.balance())) {
            throw new ClawbackBelowConsumption("a claw-back of " + amount.value() + " GPU-seconds would take"
                    + " allocation " + allocation + " below what it consumed: at most "
                    + Math.max(0, buckets.balance().value()) + " GPU-seconds are unused");
        }
    }

    @Override
    public String problem() {
        return "clawback-below-consumption";
    }
}
