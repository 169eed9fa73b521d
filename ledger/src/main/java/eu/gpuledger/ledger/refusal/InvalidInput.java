package eu.gpuledger.ledger.refusal;

/** Input that is malformed whatever the ledger's state (HTTP 400); the message names the field. */
public class InvalidInput extends LedgerRefusal {
    private final String field;

    public InvalidInput(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }

    @Override
    public String problem() {
        return "invalid-input";
    }

    /** Guard for amounts carried by commands: hours are granted, moved and refunded in positive amounts. */
    public static void requirePositive(eu.gpuledger.ledger.quantity.GpuSeconds amount, String field) {
        if (amount == null) {
            throw new InvalidInput(field, "is required");
        }
        if (!amount.isPositive()) {
            throw new InvalidInput(field, "must be positive, got " + amount.value() + " GPU-seconds");
        }
    }

    public static <T> T requirePresent(T value, String field) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        return value;
    }

    public static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        return value;
    }
}
