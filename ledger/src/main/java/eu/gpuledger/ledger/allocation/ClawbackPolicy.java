package eu.gpuledger.ledger.allocation;

import java.time.Duration;

/**
 * DOMAIN.md rule 6: hours can be clawed back only after an under-consumption warning issued at least
 * {@code requiredNotice} earlier (default 30 days; a centre's policy may ask another).
 */
public record ClawbackPolicy(Duration requiredNotice) {

    public static final Duration DEFAULT_NOTICE = Duration.ofDays(30);

    public static ClawbackPolicy standard() {
        return new ClawbackPolicy(DEFAULT_NOTICE);
    }
}
