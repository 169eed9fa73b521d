package eu.gpuledger.projections.rebuild;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.stream.Stream;

/**
 * The event store as a rebuild reads it: every event after a position, in order, with the store's own (gap-aware)
 * tracking tokens, fetched in batches much larger than a live processor's.
 */
public interface RebuildEventSource {

    /** The events after {@code from} (from the first when null) that are in the store now; the stream ends there. */
    Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken from);
}
