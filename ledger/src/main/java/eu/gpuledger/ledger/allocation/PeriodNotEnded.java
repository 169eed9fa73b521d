package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** An allocation expires only at the end of its period. */
public class PeriodNotEnded extends RuleRefusal {
    public PeriodNotEnded(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "period-not-ended";
    }
}
