package eu.gpuledger.server.readyourwrites;

import eu.gpuledger.projections.lag.ProjectionLag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Read your writes (docs/read-your-writes.md): a write request answers only once every projection that serves
 * reads has processed the events the request stored, so the next read from any client of this server sees them.
 * <p>
 * The events are known by identifier ({@link WrittenEvents}); their global indexes are read once from the event
 * store after the command committed. A processor has processed an event when each of its segments' tokens covers
 * the event's index (a gap-aware token covers an index at or below its own that is not one of its gaps). Only the
 * processors whose handlers take the event's payload type wait for it: a processor whose stream skips a type never
 * moves its token for it. Tokens come from the processor itself for the segments this node holds, else from the
 * token store (segments held by another node, or by none).
 * <p>
 * The wait is bounded ({@code ledger.read-your-writes.wait-max}); past it the request is answered 503 with the
 * processors still behind (the write itself is stored and repeating it is safe: writes are idempotent).
 */
@Component
public class ProjectionBarrier {

    /** Identifiers looked up per query. */
    private static final int LOOKUP_CHUNK = 10_000;
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();
    /** How long the number of a processor's segments is remembered (it changes only when segments split or merge). */
    private static final Duration SEGMENTS_KEPT = Duration.ofSeconds(10);

    private final WrittenEvents writtenEvents;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ProjectionLag lag;
    private final Duration waitMax;
    private final Map<String, SegmentCount> segmentCounts = new ConcurrentHashMap<>();

    public ProjectionBarrier(WrittenEvents writtenEvents, EventProcessingConfiguration processing, JdbcTemplate jdbc,
                             ProjectionLag lag,
                             @Value("${ledger.read-your-writes.wait-max:PT30S}") Duration waitMax) {
        if (waitMax.isNegative() || waitMax.isZero()) {
            throw new IllegalArgumentException("ledger.read-your-writes.wait-max must be positive, got " + waitMax);
        }
        this.writtenEvents = writtenEvents;
        this.processing = processing;
        this.jdbc = jdbc;
        this.lag = lag;
        this.waitMax = waitMax;
    }

    /**
     * Waits until the read models have processed every event this thread's request stored so far (nothing when no
     * request scope is open or nothing was stored).
     *
     * @return whether the request had stored events to wait for
     * @throws ProjectionsBehind when the bound is reached first
     */
    public boolean awaitWrites() {
        Optional<WrittenEvents.Noted> noted = writtenEvents.current();
        if (noted.isEmpty()) {
            return false;
        }
        WrittenEvents.Pending pending = noted.get().takePending();
        if (pending.isEmpty()) {
            return false;
        }
        await(storedEventsOf(pending));
        return true;
    }

    /**
     * Waits until the read models have processed the latest event of an aggregate: for the replay of a write, which
     * stores nothing, while the first attempt's events may still be on their way to the read models. Every other
     * write waits for exactly the events its own command published ({@link #awaitWrites()}): a command's handler
     * stores all of them in its unit of work, a transfer's both sides included.
     *
     * @throws ProjectionsBehind when the bound is reached first
     */
    public void awaitLatestEventOf(String aggregateIdentifier) {
        List<StoredEvent> latest = new ArrayList<>();
        jdbc.query("""
                SELECT global_index, payload_type FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""", row -> {
            latest.add(new StoredEvent(row.getLong(1), payloadClass(row.getString(2))));
        }, aggregateIdentifier);
        await(latest);
    }

    private void await(List<StoredEvent> stored) {
        Map<String, List<Long>> targets = targetsOf(stored);
        if (targets.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + waitMax.toNanos();
        while (true) {
            Map<String, String> behind = behind(targets);
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ProjectionsBehind(waitMax, behind);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** An event as stored: its global index and its payload's class (null when no class of that name is here). */
    private record StoredEvent(long globalIndex, Class<?> payloadType) {
    }

    /** The stored events among those noted (those of units of work that rolled back are not there). */
    private List<StoredEvent> storedEventsOf(WrittenEvents.Pending pending) {
        Map<String, Class<?>> typeOf = new HashMap<>();
        for (int i = 0; i < pending.identifiers().size(); i++) {
            typeOf.put(pending.identifiers().get(i), pending.payloadTypes().get(i));
        }
        List<StoredEvent> stored = new ArrayList<>();
        for (int from = 0; from < pending.identifiers().size(); from += LOOKUP_CHUNK) {
            List<String> chunk = pending.identifiers().subList(from, Math.min(pending.identifiers().size(), from + LOOKUP_CHUNK));
            jdbc.query(connection -> {
                var statement = connection.prepareStatement(
                        "SELECT global_index, event_identifier FROM domain_event_entry WHERE event_identifier = ANY(?)");
                statement.setArray(1, connection.createArrayOf("varchar", chunk.toArray()));
                return statement;
            }, row -> {
                stored.add(new StoredEvent(row.getLong(1), typeOf.get(row.getString(2))));
            });
        }
        if (pending.overflowed()) {
            Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            if (head != null) {
                pending.payloadTypes().stream().distinct().forEach(type -> stored.add(new StoredEvent(head, type)));
            }
        }
        return stored;
    }

    private static Class<?> payloadClass(String name) {
        try {
            return Class.forName(name, false, ProjectionBarrier.class.getClassLoader());
        } catch (ClassNotFoundException unknown) {
            return null;
        }
    }

    /** Per read-model processor, the indexes of the stored events it handles. */
    private Map<String, List<Long>> targetsOf(List<StoredEvent> stored) {
        Map<String, List<Long>> targets = new LinkedHashMap<>();
        for (StreamingEventProcessor processor : readModelProcessors()) {
            Map<Class<?>, Boolean> handledTypes = new HashMap<>();
            List<Long> handled = new ArrayList<>();
            for (StoredEvent event : stored) {
                if (event.payloadType() != null
                        && handledTypes.computeIfAbsent(event.payloadType(), type -> handles(processor, type))) {
                    handled.add(event.globalIndex());
                }
            }
            if (!handled.isEmpty()) {
                targets.put(processor.getName(), handled);
            }
        }
        return targets;
    }

    /** The streaming processors: those of the read models (the directory's subscribes, inside the command). */
    private List<StreamingEventProcessor> readModelProcessors() {
        List<StreamingEventProcessor> processors = new ArrayList<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.add(streaming);
            }
        }
        return processors;
    }

    private static boolean handles(StreamingEventProcessor processor, Class<?> payloadType) {
        return !(processor instanceof AbstractEventProcessor abstractProcessor)
                || abstractProcessor.eventHandlerInvoker().canHandleType(payloadType);
    }

    /**
     * The processors that have not yet processed all their target indexes, each with why; those that have are
     * taken out of {@code targets}, so that a wait checks each processor until it is done, not after.
     */
    private Map<String, String> behind(Map<String, List<Long>> targets) {
        Map<String, String> behind = new LinkedHashMap<>();
        var remaining = targets.entrySet().iterator();
        while (remaining.hasNext()) {
            Map.Entry<String, List<Long>> target = remaining.next();
            StreamingEventProcessor processor = processing.eventProcessor(target.getKey(), StreamingEventProcessor.class)
                    .orElseThrow();
            String why = notCovering(processor, target.getValue());
            if (why == null) {
                remaining.remove();
            } else {
                behind.put(target.getKey(), why);
            }
        }
        return behind;
    }

    /** Why a processor's segments do not yet cover the indexes, or null when they do. */
    private String notCovering(StreamingEventProcessor processor, List<Long> indexes) {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        for (Map.Entry<Integer, EventTrackerStatus> segment : local.entrySet()) {
            EventTrackerStatus status = segment.getValue();
            if (status.isErrorState()) {
                return "segment " + segment.getKey() + " is failing: " + status.getError();
            }
            tokens.put(segment.getKey(), status.getTrackingToken());
        }
        for (Map.Entry<Integer, TrackingToken> stored : storedTokens(processor.getName(), local.size()).entrySet()) {
            tokens.putIfAbsent(stored.getKey(), stored.getValue());
        }
        if (tokens.isEmpty()) {
            return "no segment has a token yet";
        }
        for (Map.Entry<Integer, TrackingToken> segment : tokens.entrySet()) {
            for (long index : indexes) {
                if (!covers(segment.getValue(), index)) {
                    return "segment " + segment.getKey() + " has not yet processed event " + index;
                }
            }
        }
        return null;
    }

    /**
     * The committed tokens of a processor's segments ({@link ProjectionLag#committedTokens}). Read only when this
     * node does not hold every segment: the processor's own status is exact and costs no round trip.
     */
    private Map<Integer, TrackingToken> storedTokens(String processorName, int heldHere) {
        if (heldHere > 0 && heldHere >= segmentCount(processorName)) {
            return Map.of();
        }
        return lag.committedTokens(processorName);
    }

    /** How many segments a processor has in all, from the token store, remembered for {@link #SEGMENTS_KEPT}. */
    private int segmentCount(String processorName) {
        long now = System.nanoTime();
        SegmentCount known = segmentCounts.get(processorName);
        if (known != null && now - known.readAt() < SEGMENTS_KEPT.toNanos()) {
            return known.count();
        }
        Integer count = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                Integer.class, processorName);
        int segments = count == null ? 0 : count;
        segmentCounts.put(processorName, new SegmentCount(segments, now));
        return segments;
    }

    private record SegmentCount(int count, long readAt) {
    }

    /** Whether a segment that is at {@code token} has processed the event at {@code index}. */
    static boolean covers(TrackingToken token, long index) {
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        if (position == null) {
            return false;
        }
        if (position instanceof GapAwareTrackingToken gapAware) {
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return position.position().orElse(-1) >= index;
    }
}
