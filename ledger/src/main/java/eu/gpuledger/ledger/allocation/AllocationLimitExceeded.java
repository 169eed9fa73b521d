package eu.gpuledger.ledger.allocation;

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

    @Override
    public String problem() {
        return "allocation-limit-exceeded";
    }
}
