package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A credit note (or a seal) names an issued statement (HTTP 422): a draft was never sent, so it has nothing to cancel. */
public class StatementNotIssued extends RuleRefusal {

    public StatementNotIssued(StatementId statementId) {
        super("statement '" + statementId + "' is a draft: only an issued statement is sealed or cancelled by a"
                + " credit note");
    }

    @Override
    public String problem() {
        return "statement-not-issued";
    }
}
