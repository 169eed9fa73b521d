package eu.gpuledger.projections.journal;

/**
 * What a journal posting did to an allocation; the buckets of the balance view. {@code intoAllocation} says which
 * way the hours went: into the allocation (its account is debited) or out of it (credited).
 */
public enum Movement {
    GRANTED(true),
    SUPPLEMENTED(true),
    CONSUMED(false),
    REFUNDED(true),
    TRANSFERRED_IN(true),
    TRANSFERRED_OUT(false),
    /** A transfer debit given back: hours return to the source allocation. */
    TRANSFER_REVERSED(true),
    CLAWED_BACK(false),
    EXPIRED(false);

    private final boolean intoAllocation;

    Movement(boolean intoAllocation) {
        this.intoAllocation = intoAllocation;
    }

    public boolean intoAllocation() {
        return intoAllocation;
    }
}
