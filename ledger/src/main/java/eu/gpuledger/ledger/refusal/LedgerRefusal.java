package eu.gpuledger.ledger.refusal;

/**
 * A command the ledger refused. Every refusal has its own type; the HTTP layer maps each kind to a status and
 * each type to a problem type named by {@link #problem()}. A refused command changes nothing.
 */
public abstract class LedgerRefusal extends RuntimeException {

    /** How the HTTP layer answers a refusal. */
    public enum Kind {
        /** A business rule refused it (422). */
        RULE,
        /** It conflicts with what the ledger already holds, e.g. an id replayed with other content (409). */
        CONFLICT,
        /** It names something the ledger does not know (404). */
        UNKNOWN_REFERENCE,
        /** The input is malformed (400). */
        BAD_INPUT,
        /** The actor's role or scope does not reach what the command changes (403, docs/security.md). */
        FORBIDDEN
    }

    protected LedgerRefusal(String message) {
        super(message);
    }

    public abstract Kind kind();

    /** A short, stable, kebab-case name for the problem type, e.g. {@code overdraft-refused}. */
    public abstract String problem();
}
