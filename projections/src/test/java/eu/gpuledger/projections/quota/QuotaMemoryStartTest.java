package eu.gpuledger.projections.quota;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the quota memory's processor starts after loading the read models: low enough that no event a read model
 * has not covered is missed (the events the read models did cover are skipped one by one, QuotaMemoryTest).
 */
class QuotaMemoryStartTest {

    @Test
    void the_stream_starts_at_the_lowest_segment_of_the_read_models() {
        assertThat(QuotaMemory.lowestPosition(List.of(token(120), token(95), token(300))))
                .isEqualTo(GapAwareTrackingToken.newInstance(95, Set.of()));
    }

    @Test
    void the_stream_starts_below_the_lowest_gap_so_an_event_that_commits_late_is_seen() {
        TrackingToken withGaps = GapAwareTrackingToken.newInstance(200, Set.of(150L, 180L));
        assertThat(QuotaMemory.lowestPosition(List.of(token(190), withGaps)))
                .isEqualTo(GapAwareTrackingToken.newInstance(149, Set.of()));
    }

    @Test
    void a_segment_that_processed_nothing_sends_the_stream_to_the_first_event() {
        assertThat(QuotaMemory.lowestPosition(Arrays.asList(token(50), null))).isNull();
        assertThat(QuotaMemory.lowestPosition(List.of())).isNull();
    }

    @Test
    void a_segment_in_a_replay_counts_by_what_it_has_processed() {
        TrackingToken replaying = ReplayToken.createReplayToken(token(500), token(40));
        assertThat(QuotaMemory.lowestPosition(List.of(token(300), replaying)))
                .isEqualTo(GapAwareTrackingToken.newInstance(40, Set.of()));
    }

    private static TrackingToken token(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }
}
