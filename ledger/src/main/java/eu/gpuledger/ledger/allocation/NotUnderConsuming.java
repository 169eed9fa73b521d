package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import java.time.Instant;
import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * An under-consumption warning for a project that is not behind the expected pace (DOMAIN.md rule 6). Refused,
 * because a warning is what later allows a claw-back: an on-pace project must not be exposed to one.
 */
public class NotUnderConsuming extends RuleRefusal {
    public NotUnderConsuming(String message) {
        super(message);
    }

    /** Rule 6: only a project behind the expected pace is warned (and so exposed to a claw-back later). */
    static void assertBehindPace(AllocationId allocation, Buckets buckets, GpuSeconds expected, Instant at) {
        if (!buckets.netConsumed().isLessThan(expected)) {
            throw new NotUnderConsuming("allocation " + allocation + " consumed " + buckets.netConsumed().value()
                    + " GPU-seconds, at or above the expected pace of " + expected.value() + " at " + at);
        }
    }

    @Override
    public String problem() {
        return "not-under-consuming";
    }
}
