package eu.gpuledger.ledger.allocation;

/**
 * The kinds of movement an allocation's hours make, one bucket of the balance view (API.md) each. Whether a bucket
 * adds to the balance or takes from it is the balance equation, written here once:
 * balance = granted + supplemented + transferredIn + refunded − consumed − transferredOut − clawedBack − expired.
 */
public enum Bucket {
    GRANTED(true),
    SUPPLEMENTED(true),
    CONSUMED(false),
    REFUNDED(true),
    TRANSFERRED_IN(true),
    TRANSFERRED_OUT(false),
    CLAWED_BACK(false),
    EXPIRED(false);

    private final boolean addsToBalance;

    Bucket(boolean addsToBalance) {
        this.addsToBalance = addsToBalance;
    }

    /** Whether hours in this bucket count for the allocation's balance (true) or against it (false). */
    public boolean addsToBalance() {
        return addsToBalance;
    }
}
