package eu.gpuledger.ledger.refusal;

/** A client-chosen id was used again with different content (HTTP 409). The same content is not a conflict. */
public class IdempotencyConflict extends LedgerRefusal {
    public IdempotencyConflict(String idField, String id) {
        super(idField + " '" + id + "' was already used with different content");
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }

    @Override
    public String problem() {
        return "idempotency-conflict";
    }
}
