package eu.gpuledger.ledger.refusal;

/** A command names something the ledger does not hold (HTTP 404 for the path's id, 422 would hide a typo). */
public class UnknownReference extends LedgerRefusal {
    private final String field;

    public UnknownReference(String field, String id) {
        super(field + " '" + id + "' is not known to the ledger");
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public Kind kind() {
        return Kind.UNKNOWN_REFERENCE;
    }

    @Override
    public String problem() {
        return "unknown-reference";
    }
}
