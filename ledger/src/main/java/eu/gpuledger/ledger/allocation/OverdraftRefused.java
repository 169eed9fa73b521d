package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** Hours cannot leave an allocation (transfer out) beyond its available balance. */
public class OverdraftRefused extends RuleRefusal {
    public OverdraftRefused(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "overdraft-refused";
    }
}
