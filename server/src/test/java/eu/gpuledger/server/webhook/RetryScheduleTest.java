package eu.gpuledger.server.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The Standard Webhooks retry schedule, its jitter, and a receiver's Retry-After. */
class RetryScheduleTest {

    static final List<Duration> STANDARD = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));

    @Test
    void each_failed_attempt_waits_the_next_pause_of_the_schedule_then_the_delivery_has_failed() {
        RetrySchedule schedule = new RetrySchedule(STANDARD, 0, Duration.ofHours(24));
        for (int attempts = 1; attempts <= STANDARD.size(); attempts++) {
            assertThat(schedule.pauseAfter(attempts, Optional.empty(), new Random(1)))
                    .contains(STANDARD.get(attempts - 1));
        }
        assertThat(schedule.pauseAfter(STANDARD.size() + 1, Optional.empty(), new Random(1)))
                .as("ten attempts: now and the nine pauses").isEmpty();
    }

    @Test
    void the_jitter_moves_a_pause_by_at_most_its_share_and_does_move_it() {
        RetrySchedule schedule = new RetrySchedule(STANDARD, 10, Duration.ofHours(24));
        Random random = new Random(7);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int draw = 0; draw < 200; draw++) {
            Duration pause = schedule.pauseAfter(2, Optional.empty(), random).orElseThrow();
            assertThat(pause).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
            seen.add(pause);
        }
        assertThat(seen).hasSizeGreaterThan(100);
    }

    @Test
    void a_retry_after_longer_than_the_pause_wins_bounded_by_the_maximum() {
        RetrySchedule schedule = new RetrySchedule(STANDARD, 0, Duration.ofHours(1));
        assertThat(schedule.pauseAfter(1, Optional.of(Duration.ofSeconds(60)), new Random(1)))
                .contains(Duration.ofSeconds(60));
        assertThat(schedule.pauseAfter(1, Optional.of(Duration.ofSeconds(1)), new Random(1)))
                .contains(Duration.ofSeconds(5));
        assertThat(schedule.pauseAfter(1, Optional.of(Duration.ofDays(3)), new Random(1)))
                .contains(Duration.ofHours(1));
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        assertThat(RetrySchedule.retryAfter(Optional.of("120"), now)).contains(Duration.ofSeconds(120));
        assertThat(RetrySchedule.retryAfter(Optional.of("Sat, 05 Dec 2026 10:01:00 GMT"), now))
                .contains(Duration.ofSeconds(60));
        assertThat(RetrySchedule.retryAfter(Optional.of("soon"), now)).isEmpty();
        assertThat(RetrySchedule.retryAfter(Optional.empty(), now)).isEmpty();
    }
}
