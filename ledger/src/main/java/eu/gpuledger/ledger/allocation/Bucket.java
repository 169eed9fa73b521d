package eu.gpuledger.ledger.allocation;

/**
 * The kinds of movement an allocation's hours make, one bucket of the balance view (API.md) each. Whether a bucket
 * adds to the balance or takes from it is the balance equation, written here once:
 * balance = granted + supplemented + transferredIn + refunded − consumed − transferredOut − clawedBack − expired;
 * and so is what counts for the entitlement the over-consumption policy measures against:
 * entitlement = granted + supplemented + transferredIn − transferredOut − clawedBack.
 * {@link Buckets} folds them in Java; the read models' queries over many allocations fold them in SQL from here.
 */
public enum Bucket {
    GRANTED(true, 1),
    SUPPLEMENTED(true, 1),
    CONSUMED(false, 0),
    REFUNDED(true, 0),
    TRANSFERRED_IN(true, 1),
    TRANSFERRED_OUT(false, -1),
    CLAWED_BACK(false, -1),
    EXPIRED(false, 0);

    private final boolean addsToBalance;
    private final int entitlementSign;

    Bucket(boolean addsToBalance, int entitlementSign) {
        this.addsToBalance = addsToBalance;
        this.entitlementSign = entitlementSign;
    }

    /** +1 when the bucket adds to the entitlement, −1 when it takes from it, 0 when it does not count. */
    public int entitlementSign() {
        return entitlementSign;
    }

    /** Whether hours in this bucket count for the allocation's balance (true) or against it (false). */
    public boolean addsToBalance() {
        return addsToBalance;
    }
}
