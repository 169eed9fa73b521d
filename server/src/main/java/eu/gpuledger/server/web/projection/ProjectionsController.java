package eu.gpuledger.server.web.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.rebuild.RebuildableProjection;
import eu.gpuledger.server.deadletter.DeadLetters;
import eu.gpuledger.server.deadletter.ProcessingFailures;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read models' health and lag, for the people who read them (GET /api/v1/projections): each projection's
 * position against the head of the event store, in events and in seconds of event time, its dead letters, and
 * whether it is failing a batch or cannot read the event store. The same figures as the {@code projections} health
 * contributor and the {@code ledger.projection.lag.*} metrics, which only operators reach; nothing here names an
 * event's content, so centre accountants may read it to know whether their balances are current.
 */
@RestController
@RequestMapping("/api/v1/projections")
public class ProjectionsController {

    /** UP: processing, nothing parked; DOWN: dead letters, a failing batch or the event store unreadable. */
    public enum Status { UP, DOWN }

    /**
     * One projection: {@code position} is the lowest of its segments' committed positions (absent before it has
     * processed anything); {@code eventsBehind} counts the events it has not processed, its dead letters included.
     */
    public record Projection(String name, Status status, long head,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long position, long eventsBehind,
                             double secondsBehind, long deadLetters,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    public record Projections(List<Projection> items) {
    }

    private final List<RebuildableProjection> projections;
    private final ProjectionLag lag;
    private final DeadLetters deadLetters;
    private final ProcessingFailures failures;
    private final EventProcessingConfiguration processing;

    public ProjectionsController(List<RebuildableProjection> projections, ProjectionLag lag, DeadLetters deadLetters,
                                 ProcessingFailures failures, EventProcessingConfiguration processing) {
        this.projections = projections;
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.failures = failures;
        this.processing = processing;
    }

    @GetMapping
    public Projections projections() {
        Map<String, DeadLetters.Summary> parked = deadLetters.summaries();
        List<Projection> items = new ArrayList<>();
        for (String name : projections.stream().map(RebuildableProjection::processingGroup).distinct().sorted()
                .toList()) {
            Optional<ProjectionLag.Lag> behind = lag.of(name);
            List<String> reasons = new ArrayList<>();
            DeadLetters.Summary letters = parked.get(name);
            if (letters != null && letters.letters() > 0) {
                reasons.add(letters.letters() + " dead letter(s)");
            }
            failures.of(name).ifPresent(failure -> reasons.add("a batch fails and is retried, from event "
                    + failure.eventIdentifier() + " (" + failure.causeType() + ")"));
            if (processing.eventProcessor(name, StreamingEventProcessor.class).map(StreamingEventProcessor::isError)
                    .orElse(false)) {
                reasons.add("cannot read the event store, retrying");
            }
            items.add(new Projection(name, reasons.isEmpty() ? Status.UP : Status.DOWN,
                    behind.map(ProjectionLag.Lag::head).orElse(-1L),
                    behind.flatMap(value -> value.position().isPresent()
                            ? Optional.of(value.position().getAsLong()) : Optional.empty()).orElse(null),
                    behind.map(ProjectionLag.Lag::events).orElse(0L),
                    behind.map(ProjectionLag.Lag::seconds).orElse(0.0),
                    letters == null ? 0 : letters.letters(),
                    reasons.isEmpty() ? null : String.join("; ", reasons)));
        }
        return new Projections(items);
    }
}
