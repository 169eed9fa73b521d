package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * A kind of statement the ledger does not draw up for that funder (HTTP 422): said plainly rather than answered with
 * an empty or partial document that a funder could take for the real one.
 */
public class StatementKindNotAvailable extends RuleRefusal {

    public StatementKindNotAvailable(StatementKind kind) {
        super("statements of kind " + kind + " cannot be drawn up yet");
    }

    public StatementKindNotAvailable(String detail) {
        super(detail);
    }

    @Override
    public String problem() {
        return "statement-kind-not-available";
    }
}
