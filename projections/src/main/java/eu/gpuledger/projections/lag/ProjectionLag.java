package eu.gpuledger.projections.lag;

import eu.gpuledger.projections.rebuild.RebuildableProjection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/**
 * How far each projection's processor is behind the head of the event store (the highest global index): in events,
 * and in seconds between the head event's timestamp and that of the oldest event a segment has not yet processed.
 * The position is the lowest of the segments' positions, since the slowest segment is what a reader waits for; the
 * events behind count the committed events a segment has not seen, including those in its token's gaps, plus the
 * events parked in the projection's dead-letter queue (docs/dead-letters.md): they are past the token, yet not in
 * the read model.
 * <p>
 * Positions are the segments' committed tokens in the token store, not the processor's in-memory status: a segment
 * whose batch fails is released and retried, and while it is released the processor shows no status for it at all
 * (which once made a stalled projection read as 0 behind); the store also knows segments another node holds.
 */
@Component
public class ProjectionLag {

    /** Gaps of a token beyond this many are not looked up one by one (they are dropped after Axon's gap timeout). */
    private static final int GAPS_COUNTED_MAX = 10_000;

    /** A processor's lag: {@code events} behind, of which {@code parked} are in its dead-letter queue. */
    public record Lag(String processor, long head, OptionalLong position, long events, long parked, double seconds) {
    }

    private final EventProcessingConfiguration processing;
    private final DSLContext sql;
    private final Serializer tokenSerializer;

    public ProjectionLag(List<RebuildableProjection> projections, EventProcessingConfiguration processing,
                         DSLContext sql, Serializer tokenSerializer, MeterRegistry meters) {
        this.processing = processing;
        this.sql = sql;
        this.tokenSerializer = tokenSerializer;
        for (RebuildableProjection projection : projections) {
            String processor = projection.processingGroup();
            Gauge.builder("ledger.projection.lag.events", this,
                            lag -> lag.of(processor).map(value -> (double) value.events()).orElse(Double.NaN))
                    .tag("processor", processor).description("events behind the head of the event store")
                    .register(meters);
            Gauge.builder("ledger.projection.lag.seconds", this,
                            lag -> lag.of(processor).map(Lag::seconds).orElse(Double.NaN))
                    .tag("processor", processor).description("seconds of event time behind the head")
                    .register(meters);
        }
    }

    /** The processor's lag; empty when there is no such streaming processor or it has no token yet. */
    public Optional<Lag> of(String processorName) {
        if (processing.eventProcessor(processorName, StreamingEventProcessor.class).isEmpty()) {
            return Optional.empty();
        }
        Collection<TrackingToken> segments = committedTokens(processorName).values();
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        long head = head();
        long position = Long.MAX_VALUE;
        long events = 0;
        for (TrackingToken committed : segments) {
            TrackingToken token = WrappedToken.unwrapLowerBound(committed);
            long index = token == null ? -1 : token.position().orElse(-1);
            position = Math.min(position, index);
            events = Math.max(events, committedNotProcessed(index, gapsOf(token), head));
        }
        Parked parked = parked(processorName);
        double seconds = events == 0 ? 0 : secondsBetween(position, head);
        if (parked.letters() > 0) {
            seconds = Math.max(seconds, secondsSince(parked.oldestTimestamp(), head));
        }
        return Optional.of(new Lag(processorName, head, OptionalLong.of(position), events + parked.letters(),
                parked.letters(), seconds));
    }

    /**
     * Each segment's token as last committed, by segment (null for a segment that has processed nothing yet): what
     * every node sees, whichever node holds the segment. Read-your-writes waits on it for segments held elsewhere.
     */
    public Map<Integer, TrackingToken> committedTokens(String processorName) {
        return committedTokens(processorName, sql);
    }

    /** {@link #committedTokens(String)}, read through {@code in}: in a snapshot shared with other reads. */
    public Map<Integer, TrackingToken> committedTokens(String processorName, DSLContext in) {
        var segment = field(name("segment"), Integer.class);
        var token = field(name("token"), byte[].class);
        var tokenType = field(name("token_type"), String.class);
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        in.select(segment, token, tokenType).from(table(name("token_entry")))
                .where(field(name("processor_name"), String.class).eq(processorName))
                .forEach(row -> tokens.put(row.value1(), row.value2() == null || row.value3() == null ? null
                        : tokenSerializer.<byte[], TrackingToken>deserialize(
                                new SimpleSerializedObject<>(row.value2(), byte[].class, row.value3(), null))));
        return tokens;
    }

    /** The events parked in the processor's dead-letter queue, and the timestamp of the oldest. */
    private record Parked(long letters, String oldestTimestamp) {
    }

    private Parked parked(String processingGroup) {
        var timestamp = field(name("time_stamp"), String.class);
        Record2<Integer, String> parked = sql.select(count(), min(timestamp)).from(table(name("dead_letter_entry")))
                .where(field(name("processing_group"), String.class).eq(processingGroup)).fetchOne();
        return parked == null ? new Parked(0, null) : new Parked(parked.value1(), parked.value2());
    }

    /**
     * Events a segment has yet to see: those after its index, and those in its token's gaps that have committed
     * since (an append whose transaction committed late, STACK.md trap 6). Position alone would call a processor
     * caught up while such an event is still on its way.
     */
    private long committedNotProcessed(long index, SortedSet<Long> gaps, long head) {
        if (index >= head && gaps.isEmpty()) {
            return 0;
        }
        var globalIndex = field(name("global_index"), Long.class);
        var behind = globalIndex.gt(index);
        if (!gaps.isEmpty() && gaps.size() <= GAPS_COUNTED_MAX) {
            behind = behind.or(globalIndex.in(gaps));
        }
        return sql.fetchCount(table(name("domain_event_entry")), behind);
    }

    private static SortedSet<Long> gapsOf(TrackingToken token) {
        return token instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps() : new TreeSet<>();
    }

    private long head() {
        Long head = sql.select(max(field(name("global_index"), Long.class)))
                .from(table(name("domain_event_entry"))).fetchOne(0, Long.class);
        return head == null ? -1 : head;
    }

    /** Event time from {@code timestamp} to the head event's. */
    private double secondsSince(String timestamp, long head) {
        String headTimestamp = headTimestamp(head);
        if (timestamp == null || headTimestamp == null) {
            return 0;
        }
        Duration behind = Duration.between(Instant.parse(timestamp), Instant.parse(headTimestamp));
        return Math.max(0, behind.toMillis()) / 1000.0;
    }

    private String headTimestamp(long head) {
        var globalIndex = field(name("global_index"), Long.class);
        var timestamp = field(name("time_stamp"), String.class);
        return sql.select(timestamp).from(table(name("domain_event_entry"))).where(globalIndex.eq(head))
                .fetchOne(timestamp);
    }

    /** Event time from the first event after {@code position} to the head event. */
    private double secondsBetween(long position, long head) {
        var globalIndex = field(name("global_index"), Long.class);
        var timestamp = field(name("time_stamp"), String.class);
        Record2<Long, String> oldestPending = sql.select(globalIndex, timestamp)
                .from(table(name("domain_event_entry"))).where(globalIndex.gt(position))
                .orderBy(globalIndex).limit(1).fetchOne();
        String headTimestamp = sql.select(timestamp).from(table(name("domain_event_entry")))
                .where(globalIndex.eq(head)).fetchOne(timestamp);
        if (oldestPending == null || headTimestamp == null) {
            return 0;
        }
        Duration behind = Duration.between(Instant.parse(oldestPending.value2()), Instant.parse(headTimestamp));
        return Math.max(0, behind.toMillis()) / 1000.0;
    }
}
