package eu.gpuledger.ledger.access;

import eu.gpuledger.ledger.refusal.LedgerRefusal;

/**
 * The actor's roles or scope do not reach what a request reads or changes: 403, naming what is missing, and nothing
 * is stored. Known-but-not-yours is told apart from unknown (404) on purpose (docs/security.md).
 */
public class OutOfScope extends LedgerRefusal {

    public OutOfScope(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.FORBIDDEN;
    }

    @Override
    public String problem() {
        return "out-of-scope";
    }
}
