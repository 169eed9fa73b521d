package eu.gpuledger.ledger.rate;

import eu.gpuledger.ledger.refusal.LedgerRefusal;

/**
 * A funder already has a rate on the pool from the same instant (HTTP 409): a second one would edit the version in
 * force there under another id, and a statement that named the first would no longer say which applied.
 * A correction is a new version at a new instant.
 */
public class RateVersionTaken extends LedgerRefusal {

    public RateVersionTaken(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }

    @Override
    public String problem() {
        return "rate-version-taken";
    }
}
