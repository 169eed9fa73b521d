package eu.gpuledger.ledger.identity;

/**
 * The one rule for client-chosen identifiers: they are idempotency keys and appear in URLs, Slurm accounts and
 * file names, so they are short, printable and free of spaces.
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
     * {@code [A-Za-z0-9][A-Za-z0-9._:@/+-]*}, checked by hand: every event's ids are checked again when it is read,
     * so a rebuild checks millions of them.
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
