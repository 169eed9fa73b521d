package eu.gpuledger.projections.lag;

import eu.gpuledger.projections.rebuild.RebuildableProjection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/**
 * How far each projection's processor is behind the head of the event store (the highest global index): in events,
 * and in seconds between the head event's timestamp and that of the oldest event a segment has not yet processed.
 * The position is the lowest of the segments' positions, since the slowest segment is what a reader waits for.
 */
@Component
public class ProjectionLag {

    /** A processor's lag; empty positions when the processor holds no segment here (paused, or on another node). */
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
        long position = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments.values()) {
            position = Math.min(position, status.getCurrentPosition().orElse(-1));
        }
        long head = head();
        long events = Math.max(0, head - position);
        return Optional.of(new Lag(processorName, head, OptionalLong.of(position), events,
                events == 0 ? 0 : secondsBetween(position, head)));
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
