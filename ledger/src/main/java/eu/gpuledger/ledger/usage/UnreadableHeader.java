package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.refusal.InvalidInput;

/** A usage import whose header line is absent or ambiguous (a column named twice); nothing is read (HTTP 400). */
public class UnreadableHeader extends InvalidInput {

    public UnreadableHeader(String field, String problem) {
        super(field, problem);
    }

    @Override
    public String problem() {
        return "unreadable-header";
    }
}
