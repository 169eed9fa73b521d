package eu.gpuledger.ledger.allocation;

import java.time.Duration;
import java.time.Instant;

/**
 * DOMAIN.md rule 7: hours left at the end of the period lapse, with no rollover. The ledger expires an allocation
 * a grace period after its end, because Slurm accounting arrives late: a job that ended at 23:59 on the last day
 * is imported the next morning and must still find hours to be charged against (it belongs to this period,
 * rule 1). The lapse is computed when the grace ends; the event records the period's end.
 */
public record ExpiryPolicy(Duration gracePeriod) {

    /** The default grace period as the setting {@code ledger.expiry.grace} is written (its one source). */
    public static final String DEFAULT_GRACE_TEXT = "P3D";
    public static final Duration DEFAULT_GRACE = Duration.parse(DEFAULT_GRACE_TEXT);

    public ExpiryPolicy {
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("the grace period before expiry cannot be negative");
        }
    }

    /** Allocations whose period ended before this instant are due to expire at {@code now}. */
    public Instant periodsEndedBefore(Instant now) {
        return now.minus(gracePeriod);
    }
}
