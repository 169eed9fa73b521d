package eu.gpuledger.projections.rebuild;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventPositionsTest {

    @Test
    void an_event_read_in_order_is_at_its_tokens_index() {
        GapAwareTrackingToken first = GapAwareTrackingToken.newInstance(7, Set.of());
        assertThat(EventPositions.globalIndexOf(null, first)).isEqualTo(7);
        assertThat(EventPositions.globalIndexOf(first, first.advanceTo(8, 10_000))).isEqualTo(8);
        assertThat(EventPositions.globalIndexOf(first, first.advanceTo(12, 10_000))).as("past a gap").isEqualTo(12);
    }

    @Test
    void an_event_that_commits_late_is_at_the_gap_it_fills() {
        GapAwareTrackingToken withGaps = GapAwareTrackingToken.newInstance(7, Set.of()).advanceTo(12, 10_000);
        assertThat(withGaps.getGaps()).containsExactly(8L, 9L, 10L, 11L);
        assertThat(EventPositions.globalIndexOf(withGaps, withGaps.advanceTo(10, 10_000))).isEqualTo(10);
    }

    @Test
    void every_event_of_a_store_read_with_late_commits_gets_its_own_index() {
        Random random = new Random(20261124);
        for (int run = 0; run < 200; run++) {
            List<Long> order = new ArrayList<>();
            for (long index = 1; index <= 60; index++) {
                order.add(index);
            }
            // a few events commit late: they are read after some higher ones
            for (int swap = 0; swap < 10; swap++) {
                int at = random.nextInt(order.size() - 5);
                Collections.swap(order, at, at + 1 + random.nextInt(4));
            }
            TrackingToken previous = null;
            for (long index : order) {
                GapAwareTrackingToken current = previous == null
                        ? GapAwareTrackingToken.newInstance(index, gapsBelow(index))
                        : ((GapAwareTrackingToken) previous).advanceTo(index, 10_000);
                assertThat(EventPositions.globalIndexOf(previous, current)).isEqualTo(index);
                previous = current;
            }
        }
    }

    @Test
    void another_kind_of_token_gives_no_index() {
        assertThat(EventPositions.globalIndexOf(null, new GlobalSequenceTrackingToken(3))).isNull();
    }

    private static Set<Long> gapsBelow(long index) {
        Set<Long> gaps = new java.util.TreeSet<>();
        for (long gap = 1; gap < index; gap++) {
            gaps.add(gap);
        }
        return gaps;
    }
}
