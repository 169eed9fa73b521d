package eu.gpuledger.ledger.refusal;

/** Base of refusals by a named business rule (HTTP 422). */
public abstract class RuleRefusal extends LedgerRefusal {
    protected RuleRefusal(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.RULE;
    }
}
