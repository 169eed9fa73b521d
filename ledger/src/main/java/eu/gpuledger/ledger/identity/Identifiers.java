package eu.gpuledger.ledger.identity;

import java.util.regex.Pattern;

/**
 * The one rule for client-chosen identifiers: they are idempotency keys and appear in URLs, Slurm accounts and
 * file names, so they are short, printable and free of spaces.
 */
public final class Identifiers {

    public static final int LENGTH_MAX = 200;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+-]*");

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
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidIdentifierException(field,
                    "may hold only letters, digits and . _ : @ / + - and must start with a letter or digit, got '" + value + "'");
        }
        return value;
    }
}
