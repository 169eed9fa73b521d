package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** The allocation has expired: it takes no new hours and gives none. */
public class AllocationClosed extends RuleRefusal {
    public AllocationClosed(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "allocation-closed";
    }
}
