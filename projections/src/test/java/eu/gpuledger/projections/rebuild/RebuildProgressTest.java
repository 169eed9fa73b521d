package eu.gpuledger.projections.rebuild;

import eu.gpuledger.projections.rebuild.RebuildProgress.Phase;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a rebuild's progress says at its start, in its course and at its end. */
class RebuildProgressTest {

    private static final Instant STARTED = Instant.parse("2026-10-01T08:00:00Z");

    @Test
    void a_rebuild_that_replayed_nothing_yet_shows_its_progress_without_an_estimate() {
        RebuildProgress progress = RebuildProgress.of("balances", Phase.REPLAYING, 0, 5_000, STARTED,
                STARTED.plusMillis(3), null, null);

        assertThat(progress.eventsDone()).isZero();
        assertThat(progress.eventsTotal()).isEqualTo(5_000);
        assertThat(progress.eventsPerSecond()).isZero();
        assertThat(progress.secondsLeft()).as("no rate yet, so no estimate").isNull();
        assertThat(progress.finished()).isFalse();
    }

    @Test
    void a_rebuild_under_way_estimates_the_time_left_from_its_rate() {
        RebuildProgress progress = RebuildProgress.of("balances", Phase.REPLAYING, 1_000, 5_000, STARTED,
                STARTED.plusSeconds(2), null, null);

        assertThat(progress.eventsPerSecond()).isEqualTo(500.0);
        assertThat(progress.secondsLeft()).isEqualTo(8L);
    }

    @Test
    void a_finished_rebuild_has_nothing_left_even_when_it_had_no_event_to_replay() {
        RebuildProgress progress = RebuildProgress.of("catalogue", Phase.COMPLETED, 0, 0, STARTED,
                STARTED.plusSeconds(5), STARTED.plusSeconds(1), null);

        assertThat(progress.secondsLeft()).isZero();
        assertThat(progress.finished()).isTrue();
    }
}
