package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A claw-back may never take the allocation below what was already consumed. */
public class ClawbackBelowConsumption extends RuleRefusal {
    public ClawbackBelowConsumption(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "clawback-below-consumption";
    }
}
