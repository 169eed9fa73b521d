package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.FundingSource;

/**
 * The journal's accounts, named as they appear in the trial balance. Hours come from a funding source into an
 * allocation, leave it as consumption of its pool, lapse at expiry, or go back to the funder when clawed back.
 * Transfers pass through one exchange account, because the two sides of a transfer are events of two allocations
 * (possibly in two segments, in either order) and are in two pools' GPU-seconds (see docs/journal.md).
 */
public final class LedgerAccount {

    public static final String TRANSFER_EXCHANGE = "transfer-exchange";

    private LedgerAccount() {
    }

    public static String allocation(String allocationId) {
        return "allocation:" + allocationId;
    }

    public static String funding(FundingSource fundingSource) {
        return "funding:" + fundingSource.name();
    }

    public static String consumption(String poolId) {
        return "consumption:" + poolId;
    }

    public static String lapsed(String poolId) {
        return "lapsed:" + poolId;
    }

    /** The account on the other side of an allocation's entries of {@code movement}, given the allocation's grant. */
    public static String counter(Movement movement, FundingSource fundingSource, String poolId) {
        return switch (movement.counter()) {
            case FUNDING -> funding(fundingSource);
            case CONSUMPTION -> consumption(poolId);
            case LAPSED -> lapsed(poolId);
            case TRANSFER_EXCHANGE -> TRANSFER_EXCHANGE;
        };
    }
}
