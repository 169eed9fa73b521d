package eu.gpuledger.server.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again (docs/webhooks.md): the Standard Webhooks schedule, each pause moved at random
 * by up to {@code jitterPercent} (so that the deliveries that failed together while a receiver was down do not all
 * come back at the same instant), never sooner than the receiver's {@code Retry-After} (bounded by
 * {@code retryAfterMax}). After the last pause's attempt failed, the delivery has failed.
 */
public record RetrySchedule(List<Duration> pauses, int jitterPercent, Duration retryAfterMax) {

    public RetrySchedule {
        pauses = List.copyOf(pauses);
        if (jitterPercent < 0 || jitterPercent > 100) {
            throw new IllegalArgumentException("jitter is a percentage: " + jitterPercent);
        }
    }

    /**
     * @param attemptsMade the attempts made so far, the failed one included (1 after the first)
     * @param retryAfter   the receiver's Retry-After, when it sent one
     * @return the pause before the next attempt, or empty when the schedule is used up
     */
    public Optional<Duration> pauseAfter(int attemptsMade, Optional<Duration> retryAfter, RandomGenerator random) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("a pause follows an attempt: " + attemptsMade);
        }
        if (attemptsMade > pauses.size()) {
            return Optional.empty();
        }
        Duration pause = jittered(pauses.get(attemptsMade - 1), random);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(retryAfterMax) > 0 ? retryAfterMax : retryAfter.get();
            pause = asked.compareTo(pause) > 0 ? asked : pause;
        }
        return Optional.of(pause);
    }

    private Duration jittered(Duration pause, RandomGenerator random) {
        long millis = pause.toMillis();
        long spread = millis * jitterPercent / 100;
        return spread == 0 ? pause : Duration.ofMillis(millis - spread + random.nextLong(2 * spread + 1));
    }

    /** A Retry-After header: delay-seconds or an HTTP-date (RFC 9110); empty when absent or unreadable. */
    public static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
