package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.refusal.LedgerRefusal;

/** A statement is cancelled once, by one credit note (HTTP 409): a second one would cancel it twice. */
public class StatementAlreadyCancelled extends LedgerRefusal {

    public StatementAlreadyCancelled(StatementId statementId, CreditNoteId by) {
        super("statement '" + statementId + "' is already cancelled by credit note '" + by + "'");
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }

    @Override
    public String problem() {
        return "statement-already-cancelled";
    }
}
