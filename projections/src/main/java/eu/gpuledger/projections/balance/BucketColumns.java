package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.Bucket;
import org.jooq.Field;

import java.util.Arrays;
import java.util.List;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static org.jooq.impl.DSL.inline;

/**
 * The balance view's column of each {@link Bucket}, and the figures {@code Buckets} derives from the buckets as SQL
 * over those columns, folded from the same table of signs: for queries that sum over many allocations in the
 * database (totals, usage reports) rather than load each row into {@code Buckets}.
 */
public final class BucketColumns {

    private BucketColumns() {
    }

    public static Field<Long> of(Bucket bucket) {
        return switch (bucket) {
            case GRANTED -> ALLOCATION_BALANCE.GRANTED;
            case SUPPLEMENTED -> ALLOCATION_BALANCE.SUPPLEMENTED;
            case CONSUMED -> ALLOCATION_BALANCE.CONSUMED;
            case REFUNDED -> ALLOCATION_BALANCE.REFUNDED;
            case TRANSFERRED_IN -> ALLOCATION_BALANCE.TRANSFERRED_IN;
            case TRANSFERRED_OUT -> ALLOCATION_BALANCE.TRANSFERRED_OUT;
            case CLAWED_BACK -> ALLOCATION_BALANCE.CLAWED_BACK;
            case EXPIRED -> ALLOCATION_BALANCE.EXPIRED;
        };
    }

    /** Every bucket's column, in {@link Bucket} order. */
    public static List<Field<Long>> all() {
        return Arrays.stream(Bucket.values()).map(BucketColumns::of).toList();
    }

    /** {@code Buckets.balance()}: the balance equation, by {@link Bucket#addsToBalance()}. */
    public static Field<Long> balance() {
        Field<Long> balance = inline(0L);
        for (Bucket bucket : Bucket.values()) {
            balance = bucket.addsToBalance() ? balance.plus(of(bucket)) : balance.minus(of(bucket));
        }
        return balance;
    }

    /** {@code Buckets.entitlement()}, by {@link Bucket#entitlementSign()}. */
    public static Field<Long> entitlement() {
        Field<Long> entitlement = inline(0L);
        for (Bucket bucket : Bucket.values()) {
            if (bucket.entitlementSign() > 0) {
                entitlement = entitlement.plus(of(bucket));
            } else if (bucket.entitlementSign() < 0) {
                entitlement = entitlement.minus(of(bucket));
            }
        }
        return entitlement;
    }
}
