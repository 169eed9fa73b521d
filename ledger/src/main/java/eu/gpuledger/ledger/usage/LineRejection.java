package eu.gpuledger.ledger.usage;

/**
 * Internal control flow of the line readers: a field that cannot be read ends the line's classification with this
 * reason, which becomes a {@link LineOutcome.Rejected}. It never leaves a reader. No stack trace: a bad file may
 * hold a million bad lines, and the line number already says where.
 */
public final class LineRejection extends RuntimeException {

    public LineRejection(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
