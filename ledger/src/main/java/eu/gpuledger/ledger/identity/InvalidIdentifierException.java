package eu.gpuledger.ledger.identity;

/** An identifier that is missing or malformed; names the field it came from. */
public class InvalidIdentifierException extends IllegalArgumentException {

    private final String field;

    public InvalidIdentifierException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
