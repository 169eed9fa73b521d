package eu.gpuledger.projections.lag;

import eu.gpuledger.projections.rebuild.RebuildableProjection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/**
 * How far each projection's processor is behind the head of the event store (the highest global index): in events,
 * and in seconds between the head event's timestamp and that of the oldest event a segment has not yet processed.
 * The position is the lowest of the segments' positions, since the slowest segment is what a reader waits for; the
 * events behind count the committed events a segment has not seen, including those in its token's gaps.
 */
@Component
public class ProjectionLag {

    /** A processor's lag; empty positions when the processor holds no segment here (paused, or on another node). */
    /** Gaps of a token beyond this many are not looked up one by one (they are dropped after Axon's gap timeout). */
    private static final int GAPS_COUNTED_MAX = 10_000;

    public record Lag(String processor, long head, OptionalLong position, long events, double seconds) {
    }

    private final EventProcessingConfiguration processing;
    private final DSLContext sql;

    public ProjectionLag(List<RebuildableProjection> projections, EventProcessingConfiguration processing,
                         DSLContext sql, MeterRegistry meters) {
        this.processing = processing;
        this.sql = sql;
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

    public Optional<Lag> of(String processorName) {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(processorName, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, EventTrackerStatus> segments = processor.get().processingStatus();
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        long head = head();
        long position = Long.MAX_VALUE;
        long events = 0;
        for (EventTrackerStatus status : segments.values()) {
            TrackingToken token = WrappedToken.unwrapLowerBound(status.getTrackingToken());
            long index = token == null ? -1 : token.position().orElse(-1);
            position = Math.min(position, index);
            events = Math.max(events, committedNotProcessed(index, gapsOf(token), head));
        }
        return Optional.of(new Lag(processorName, head, OptionalLong.of(position), events,
                events == 0 ? 0 : secondsBetween(position, head)));
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
