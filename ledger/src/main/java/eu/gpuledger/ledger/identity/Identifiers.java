package eu.gpuledger.ledger.identity;

/**
 * The one rule for client-chosen identifiers: they are idempotency keys and appear in URLs, Slurm accounts and
 * file names, so they are short, printable and free of spaces.
 * <p>
 * The rule is checked at the edge, where a client's value enters the ledger (each id's {@code parse(value, field)}:
 * controllers, the CLI, the usage readers and importers), never in an id's constructor: ids are read back from
 * stored events for years, and a rule made stricter tomorrow must not make an event stored today unreadable.
 */
public final class Identifiers {

    public static final int LENGTH_MAX = 200;

    private Identifiers() {
    }

    /**
     * @param field the name the client knows the value by, for the error message
     * @return the value, when it is a valid identifier
     * @throws InvalidIdentifierException naming the field otherwise
     */
    public static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidIdentifierException(field, "is required");
        }
        if (value.length() > LENGTH_MAX) {
            throw new InvalidIdentifierException(field, "is longer than " + LENGTH_MAX + " characters");
        }
        if (!allowed(value)) {
            throw new InvalidIdentifierException(field,
                    "may hold only letters, digits and . _ : @ / + - and must start with a letter or digit, got '" + value + "'");
        }
        return value;
    }

    /**
     * What an id's constructor checks: that there is one. Nothing about its form, which may tighten over time.
     *
     * @throws InvalidIdentifierException naming the field when the value is null
     */
    public static String requirePresent(String value, String field) {
        if (value == null) {
            throw new InvalidIdentifierException(field, "is required");
        }
        return value;
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9._:@/+-]*}, checked by hand: an import checks the ids of millions of
     * lines.
     */
    private static boolean allowed(String value) {
        if (!letterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!letterOrDigit(c) && ".-_:@/+".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
