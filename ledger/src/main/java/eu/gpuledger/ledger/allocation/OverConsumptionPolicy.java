package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * DOMAIN.md rule 5, in integers: above 100% of the entitlement jobs run at low priority; above the effective
 * allocation (100% + overConsumptionPercent) the project is blocked. Notices at 80%, 100% and the effective limit.
 * <p>
 * The entitlement is what the allocation may consume: granted + supplements + transfers in − transfers out −
 * claw-backs. Without transfers or claw-backs it is API.md's "initial grant plus supplements".
 */
public final class OverConsumptionPolicy {

    public static final int NOTICE_PERCENT = 80;
    public static final int FULL_PERCENT = 100;

    private OverConsumptionPolicy() {
    }

    public static Standing standing(GpuSeconds netConsumed, GpuSeconds entitlement, int overConsumptionPercent) {
        if (isBeyondEffectiveLimit(netConsumed, entitlement, overConsumptionPercent)) {
            return Standing.BLOCKED;
        }
        if (netConsumed.isGreaterThan(entitlement)) {
            return Standing.LOW_PRIORITY;
        }
        return Standing.WITHIN_GRANT;
    }

    /** The thresholds that net consumption has reached; a crossing is a threshold that joins this set. */
    public static Set<UsageThreshold> reached(GpuSeconds netConsumed, GpuSeconds entitlement,
                                              int overConsumptionPercent) {
        Set<UsageThreshold> reached = EnumSet.noneOf(UsageThreshold.class);
        if (!netConsumed.isPositive()) {
            return reached;
        }
        if (atLeastPercent(netConsumed, entitlement, NOTICE_PERCENT)) {
            reached.add(UsageThreshold.PERCENT_80);
        }
        if (atLeastPercent(netConsumed, entitlement, FULL_PERCENT)) {
            reached.add(UsageThreshold.PERCENT_100);
        }
        if (isBeyondEffectiveLimit(netConsumed, entitlement, overConsumptionPercent)) {
            reached.add(UsageThreshold.EFFECTIVE_LIMIT);
        }
        return reached;
    }

    /**
     * What a movement that took an allocation's buckets from {@code before} to {@code after} says under the policy:
     * a change of standing, then each threshold net consumption reached that it had not reached before, as events.
     */
    public static List<Object> noticesOf(AllocationId allocation, Buckets before, Buckets after,
                                         int overConsumptionPercent) {
        List<Object> notices = new ArrayList<>();
        Standing standingBefore = before.standing(overConsumptionPercent);
        Standing standingAfter = after.standing(overConsumptionPercent);
        if (standingAfter != standingBefore) {
            notices.add(new AllocationStandingChanged(allocation, standingBefore, standingAfter, after.netConsumed(),
                    after.entitlement()));
        }
        Set<UsageThreshold> reachedBefore = reached(before.netConsumed(), before.entitlement(), overConsumptionPercent);
        for (UsageThreshold threshold : reached(after.netConsumed(), after.entitlement(), overConsumptionPercent)) {
            if (!reachedBefore.contains(threshold)) {
                notices.add(new UsageThresholdCrossed(allocation, threshold, after.netConsumed(), after.entitlement()));
            }
        }
        return notices;
    }

    /**
     * Net consumption over {@code base}, in percent with 2 decimals (half up), for people; 0 when the base is not
     * positive. The balance view's base is API.md's, the initial grant plus supplements; it decides nothing (the
     * standing is decided in integers against the entitlement).
     */
    public static java.math.BigDecimal usedPercent(GpuSeconds netConsumed, GpuSeconds base) {
        if (!base.isPositive()) {
            return java.math.BigDecimal.ZERO.setScale(2);
        }
        return java.math.BigDecimal.valueOf(netConsumed.value()).multiply(java.math.BigDecimal.valueOf(100))
                .divide(java.math.BigDecimal.valueOf(base.value()), 2, java.math.RoundingMode.HALF_UP);
    }

    /**
     * The effective limit: the most net consumption that is not beyond it, entitlement × (100 + p) / 100 rounded
     * down to the GPU-second. What a scheduler's own cap (a Slurm QOS's GrpTRESMins) must allow, so that the
     * scheduler blocks where the ledger does.
     */
    public static GpuSeconds effectiveLimit(GpuSeconds entitlement, int overConsumptionPercent) {
        return GpuSeconds.of(Math.floorDiv(Math.multiplyExact(entitlement.value(),
                (long) FULL_PERCENT + overConsumptionPercent), 100L));
    }

    private static boolean isBeyondEffectiveLimit(GpuSeconds netConsumed, GpuSeconds entitlement,
                                                  int overConsumptionPercent) {
        // netConsumed > entitlement × (100 + p) / 100, without division
        return Math.multiplyExact(netConsumed.value(), 100L)
                > Math.multiplyExact(entitlement.value(), (long) FULL_PERCENT + overConsumptionPercent);
    }

    private static boolean atLeastPercent(GpuSeconds netConsumed, GpuSeconds entitlement, int percent) {
        return Math.multiplyExact(netConsumed.value(), 100L) >= Math.multiplyExact(entitlement.value(), (long) percent);
    }
}
