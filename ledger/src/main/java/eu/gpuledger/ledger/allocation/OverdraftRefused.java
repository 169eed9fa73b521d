package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.RuleRefusal;

/** Hours cannot leave an allocation (transfer out) beyond its available balance. */
public class OverdraftRefused extends RuleRefusal {
    public OverdraftRefused(String message) {
        super(message);
    }

    /** Hours leave an allocation (a transfer out) only within its balance: never below what it consumed. */
    static void assertWithinBalance(AllocationId allocation, Buckets buckets, GpuSeconds amount) {
        if (amount.isGreaterThan(buckets.balance())) {
            throw new OverdraftRefused("allocation " + allocation + " has " + Math.max(0, buckets.balance().value())
                    + " GPU-seconds available, a transfer of " + amount.value() + " would overdraw it");
        }
    }

    @Override
    public String problem() {
        return "overdraft-refused";
    }
}
