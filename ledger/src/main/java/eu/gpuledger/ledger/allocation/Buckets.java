package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.math.BigDecimal;

/**
 * An allocation's hours by bucket, and the figures every side of the ledger derives from them: the balance, the
 * entitlement the over-consumption policy measures against, net consumption and API.md's usedPercent. The
 * aggregate, the balance view, the balance history and the totals all compute them here (docs/allocation-rules.md
 * says why the entitlement and the usedPercent base differ).
 */
public record Buckets(GpuSeconds granted, GpuSeconds supplemented, GpuSeconds consumed, GpuSeconds refunded,
                      GpuSeconds transferredIn, GpuSeconds transferredOut, GpuSeconds clawedBack,
                      GpuSeconds expired) {

    public static final Buckets EMPTY = new Buckets(GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO,
            GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO);

    /** The hours of one bucket. */
    public GpuSeconds of(Bucket bucket) {
        return inBucketOrder()[bucket.ordinal()];
    }

    /** These buckets after a movement: its amount added to its bucket (a reversal's amount is negative). */
    public Buckets plus(AllocationMovement movement) {
        return plus(movement.bucket(), movement.amount());
    }

    public Buckets plus(Bucket bucket, GpuSeconds amount) {
        GpuSeconds[] values = inBucketOrder();
        values[bucket.ordinal()] = values[bucket.ordinal()].plus(amount);
        return new Buckets(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
    }

    /** API.md's balance equation, by {@link Bucket#addsToBalance()}. */
    public GpuSeconds balance() {
        GpuSeconds balance = GpuSeconds.ZERO;
        for (Bucket bucket : Bucket.values()) {
            balance = bucket.addsToBalance() ? balance.plus(of(bucket)) : balance.minus(of(bucket));
        }
        return balance;
    }

    /**
     * What the allocation may consume, which its standing and notices are measured against: granted + supplements
     * + transfers in − transfers out − claw-backs, by {@link Bucket#entitlementSign()}.
     */
    public GpuSeconds entitlement() {
        GpuSeconds entitlement = GpuSeconds.ZERO;
        for (Bucket bucket : Bucket.values()) {
            if (bucket.entitlementSign() > 0) {
                entitlement = entitlement.plus(of(bucket));
            } else if (bucket.entitlementSign() < 0) {
                entitlement = entitlement.minus(of(bucket));
            }
        }
        return entitlement;
    }

    public GpuSeconds netConsumed() {
        return consumed.minus(refunded);
    }

    /** API.md's base of usedPercent: the initial grant plus supplements. */
    public GpuSeconds usedPercentBase() {
        return granted.plus(supplemented);
    }

    /** API.md's usedPercent: net consumption over {@link #usedPercentBase()}, 2 decimals, half up. */
    public BigDecimal usedPercent() {
        return OverConsumptionPolicy.usedPercent(netConsumed(), usedPercentBase());
    }

    /** Where net consumption stands against the entitlement (DOMAIN.md rule 5). */
    /** The most net consumption the allocation allows before it is blocked ({@link OverConsumptionPolicy}). */
    public GpuSeconds effectiveLimit(int overConsumptionPercent) {
        return OverConsumptionPolicy.effectiveLimit(entitlement(), overConsumptionPercent);
    }

    public Standing standing(int overConsumptionPercent) {
        return OverConsumptionPolicy.standing(netConsumed(), entitlement(), overConsumptionPercent);
    }

    private GpuSeconds[] inBucketOrder() {
        return new GpuSeconds[]{granted, supplemented, consumed, refunded, transferredIn, transferredOut, clawedBack,
                expired};
    }
}
