package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.refusal.LedgerRefusal;

/** A cluster partition is one pool: a second pool on it would make charging ambiguous. */
public class PartitionAlreadyPooled extends LedgerRefusal {
    public PartitionAlreadyPooled(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }

    @Override
    public String problem() {
        return "partition-already-pooled";
    }
}
