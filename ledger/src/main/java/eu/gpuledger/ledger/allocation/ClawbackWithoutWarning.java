package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** Hours can be clawed back only after an under-consumption warning issued long enough before (DOMAIN.md rule 6). */
public class ClawbackWithoutWarning extends RuleRefusal {
    public ClawbackWithoutWarning(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "clawback-without-warning";
    }
}
