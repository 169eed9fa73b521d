package eu.gpuledger.ledger.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * DOMAIN.md rule 6: hours can be clawed back only after an under-consumption warning issued at least
 * {@code requiredNotice} earlier (default 30 days; a centre's policy may ask another).
 */
public record ClawbackPolicy(Duration requiredNotice) {

    public static final Duration DEFAULT_NOTICE = Duration.ofDays(30);

    public static ClawbackPolicy standard() {
        return new ClawbackPolicy(DEFAULT_NOTICE);
    }

    void assertWarnedLongEnoughBefore(AllocationId allocation, Collection<UnderConsumptionWarned> warnings,
                                      Instant requestedAt) {
        Instant latestAcceptableWarning = requestedAt.minus(requiredNotice);
        if (warnings.stream().noneMatch(warning -> !warning.warnedAt().isAfter(latestAcceptableWarning))) {
            throw new ClawbackWithoutWarning("allocation " + allocation + " has no under-consumption warning issued "
                    + requiredNotice.toDays() + " days or more before " + requestedAt);
        }
    }
}
