package eu.gpuledger.ledger.statement;

/**
 * An issued statement's content, computed again from the events known at its issue time, no longer hashes to the
 * hash it was sealed with. That is a fault of the ledger (a journal that lost or gained an entry recorded before the
 * statement's knownAt), never a client's: it is refused loudly (HTTP 500, naming the statement and both hashes),
 * and the statement keeps its first hash.
 */
public class StatementContentChanged extends IllegalStateException {

    public StatementContentChanged(StatementId statementId, String sealed, String computed) {
        super("statement '" + statementId + "' was sealed with content hash " + sealed + " but its content computed"
                + " again from the events known at its issue time hashes to " + computed);
    }
}
