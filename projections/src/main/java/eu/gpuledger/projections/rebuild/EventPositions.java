package eu.gpuledger.projections.rebuild;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * An event's global index, from the tokens of a reader that sees every event in order. A gap-aware token's index is
 * the highest position seen; an event that commits late fills a gap below it instead, and its index is the one gap
 * the previous token had and its own token no longer has.
 */
final class EventPositions {

    private EventPositions() {
    }

    /** The index of the event whose token is {@code current}, read right after {@code previous}; null if unknown. */
    static Long globalIndexOf(TrackingToken previous, TrackingToken current) {
        if (!(current instanceof GapAwareTrackingToken now)) {
            return null;
        }
        if (previous == null) {
            return now.getIndex();
        }
        if (!(previous instanceof GapAwareTrackingToken before)) {
            return null;
        }
        if (now.getIndex() > before.getIndex()) {
            return now.getIndex();
        }
        Long filled = null;
        for (Long gap : before.getGaps()) {
            if (!now.getGaps().contains(gap)) {
                if (filled != null) {
                    return null;
                }
                filled = gap;
            }
        }
        return filled;
    }
}
