package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A job is charged to the allocation whose period holds its end time (DOMAIN.md rule 1), never to another. */
public class ChargeOutsidePeriod extends RuleRefusal {
    public ChargeOutsidePeriod(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "charge-outside-period";
    }
}
