package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * A kind of statement the ledger cannot draw up yet (HTTP 422): said plainly rather than answered with an empty or
 * partial document that a funder could take for the real one. Issue 14 delivers the kinds one at a time.
 */
public class StatementKindNotAvailable extends RuleRefusal {

    public StatementKindNotAvailable(StatementKind kind) {
        super("statements of kind " + kind + " cannot be drawn up yet; kind FUND can");
    }

    @Override
    public String problem() {
        return "statement-kind-not-available";
    }
}
