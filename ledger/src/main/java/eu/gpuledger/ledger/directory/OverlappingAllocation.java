package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.refusal.LedgerRefusal;

/** Two allocations on the same pool and scheduler account may not overlap in time: each job maps to exactly one. */
public class OverlappingAllocation extends LedgerRefusal {
    public OverlappingAllocation(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }

    @Override
    public String problem() {
        return "overlapping-allocation";
    }
}
