package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A usage record that cannot be charged to any allocation (it is kept and can be retried). */
public class UsageNotChargeable extends RuleRefusal {
    public UsageNotChargeable(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "usage-not-chargeable";
    }
}
