package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * An under-consumption warning for a project that is not behind the expected pace (DOMAIN.md rule 6). Refused,
 * because a warning is what later allows a claw-back: an on-pace project must not be exposed to one.
 */
public class NotUnderConsuming extends RuleRefusal {
    public NotUnderConsuming(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "not-under-consuming";
    }
}
