package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.Bucket;
import eu.gpuledger.ledger.quantity.GpuSeconds;

/**
 * What a journal entry did to an allocation: which {@link Bucket} of the balance view it moved, and whether it took
 * an earlier movement back (a transfer debit given back). A movement fixes both accounts of the entry: the bucket
 * says which way the hours went, into the allocation (its account is debited) or out of it (credited), a reversal
 * the other way, and {@code counter} which account is on the other side (see docs/journal.md). The names are the
 * journal's stored values: they never change.
 */
public enum Movement {
    GRANTED(Bucket.GRANTED, CounterAccount.FUNDING),
    SUPPLEMENTED(Bucket.SUPPLEMENTED, CounterAccount.FUNDING),
    CONSUMED(Bucket.CONSUMED, CounterAccount.CONSUMPTION),
    REFUNDED(Bucket.REFUNDED, CounterAccount.CONSUMPTION),
    TRANSFERRED_IN(Bucket.TRANSFERRED_IN, CounterAccount.TRANSFER_EXCHANGE),
    TRANSFERRED_OUT(Bucket.TRANSFERRED_OUT, CounterAccount.TRANSFER_EXCHANGE),
    /** A transfer debit given back: hours return to the source allocation. */
    TRANSFER_REVERSED(Bucket.TRANSFERRED_OUT, true, CounterAccount.TRANSFER_EXCHANGE),
    CLAWED_BACK(Bucket.CLAWED_BACK, CounterAccount.FUNDING),
    EXPIRED(Bucket.EXPIRED, CounterAccount.LAPSED);

    /** The other side of an entry, named from the allocation's grant (its funding source and pool). */
    public enum CounterAccount { FUNDING, CONSUMPTION, LAPSED, TRANSFER_EXCHANGE }

    private final Bucket bucket;
    private final boolean reversal;
    private final CounterAccount counter;

    Movement(Bucket bucket, CounterAccount counter) {
        this(bucket, false, counter);
    }

    Movement(Bucket bucket, boolean reversal, CounterAccount counter) {
        this.bucket = bucket;
        this.reversal = reversal;
        this.counter = counter;
    }

    public Bucket bucket() {
        return bucket;
    }

    /** What an entry of this movement adds to its bucket: its amount, taken back for a reversal. */
    public GpuSeconds inBucket(GpuSeconds amount) {
        return reversal ? amount.negate() : amount;
    }

    /** Whether the hours went into the allocation (the bucket adds to the balance, or a reversal took one back). */
    public boolean intoAllocation() {
        return bucket.addsToBalance() != reversal;
    }

    public CounterAccount counter() {
        return counter;
    }
}
