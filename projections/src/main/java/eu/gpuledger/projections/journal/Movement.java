package eu.gpuledger.projections.journal;

/**
 * What a journal entry did to an allocation; the buckets of the balance view. A movement fixes both accounts of the
 * entry: {@code intoAllocation} says which way the hours went, into the allocation (its account is debited) or out
 * of it (credited), and {@code counter} which account is on the other side (see docs/journal.md).
 */
public enum Movement {
    GRANTED(true, CounterAccount.FUNDING),
    SUPPLEMENTED(true, CounterAccount.FUNDING),
    CONSUMED(false, CounterAccount.CONSUMPTION),
    REFUNDED(true, CounterAccount.CONSUMPTION),
    TRANSFERRED_IN(true, CounterAccount.TRANSFER_EXCHANGE),
    TRANSFERRED_OUT(false, CounterAccount.TRANSFER_EXCHANGE),
    /** A transfer debit given back: hours return to the source allocation. */
    TRANSFER_REVERSED(true, CounterAccount.TRANSFER_EXCHANGE),
    CLAWED_BACK(false, CounterAccount.FUNDING),
    EXPIRED(false, CounterAccount.LAPSED);

    /** The other side of an entry, named from the allocation's grant (its funding source and pool). */
    public enum CounterAccount { FUNDING, CONSUMPTION, LAPSED, TRANSFER_EXCHANGE }

    private final boolean intoAllocation;
    private final CounterAccount counter;

    Movement(boolean intoAllocation, CounterAccount counter) {
        this.intoAllocation = intoAllocation;
        this.counter = counter;
    }

    public boolean intoAllocation() {
        return intoAllocation;
    }

    public CounterAccount counter() {
        return counter;
    }
}
