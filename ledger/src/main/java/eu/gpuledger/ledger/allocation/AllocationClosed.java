package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** The allocation has expired: it takes no new hours and gives none. */
public class AllocationClosed extends RuleRefusal {
    public AllocationClosed(String message) {
        super(message);
    }

    /** An expired allocation takes no new hours and gives none. */
    static void assertOpen(AllocationGranted grant, boolean expired, String action) {
        if (expired) {
            throw new AllocationClosed("allocation " + grant.allocationId() + " expired at " + grant.periodEnd()
                    + ": cannot " + action + " it");
        }
    }

    @Override
    public String problem() {
        return "allocation-closed";
    }
}
