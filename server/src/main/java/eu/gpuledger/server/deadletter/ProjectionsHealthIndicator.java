package eu.gpuledger.server.deadletter;

import eu.gpuledger.server.deadletter.DeadLetters.Letter;
import eu.gpuledger.server.deadletter.DeadLetters.Summary;
import eu.gpuledger.server.deadletter.ProcessingFailures.Failure;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code projections} in {@code /actuator/health}: DOWN (503) as long as a read model has dead letters, or a watched
 * processor is failing a batch (its dead-letter queue is full, its writes fail)
 * or cannot read the event store; the details name the processing group, the event, its aggregate and the cause.
 * Cheap: two queries on the small, indexed dead-letter table and what the processors keep in memory; no read model
 * and no event is scanned.
 */
@Component("projections")
public class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final DeadLetters deadLetters;
    private final ProcessingFailures failures;
    private final int maxSequences;

    public ProjectionsHealthIndicator(EventProcessingConfiguration processing, DeadLetters deadLetters,
                                      ProcessingFailures failures,
                                      @Value("${ledger.dead-letters.max-sequences:1024}") int maxSequences) {
        super("projections health check failed");
        this.processing = processing;
        this.deadLetters = deadLetters;
        this.failures = failures;
        this.maxSequences = maxSequences;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Summary> parked = deadLetters.summaries();
        List<String> reasons = new ArrayList<>();
        for (String processorName : DeadLetterConfiguration.WATCHED_PROCESSORS) {
            Optional<StreamingEventProcessor> processor =
                    processing.eventProcessor(processorName, StreamingEventProcessor.class);
            if (processor.isEmpty()) {
                continue;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            Summary summary = parked.get(processorName);
            if (summary != null) {
                detail.put("deadLetters", summary.letters());
                detail.put("parkedAggregates", summary.sequences());
                if (summary.oldestFailure() != null) {
                    detail.put("oldestDeadLetter", letterDetail(summary.oldestFailure()));
                }
                reasons.add(processorName + ": " + summary.letters() + " dead letter(s)"
                        + (summary.oldestFailure() == null ? "" : ", the oldest " + describe(summary.oldestFailure())));
                if (summary.sequences() >= maxSequences) {
                    // Axon's overflow message prints the event, which fails again on an unreadable payload: the
                    // failing batch may show the event's own cause, so the full queue is said here
                    detail.put("queueFull", true);
                    reasons.add(processorName + ": the dead-letter queue is full (" + summary.sequences()
                            + " parked aggregates, ledger.dead-letters.max-sequences), a failing event now stops it");
                }
            }
            failures.of(processorName).ifPresent(failure -> {
                detail.put("failingBatch", failureDetail(failure));
                reasons.add(processorName + ": a batch fails and is retried, from event " + failure.eventIdentifier()
                        + " (" + failure.causeType() + ": " + failure.causeMessage() + ")");
            });
            if (processor.get().isError()) {
                detail.put("eventStreamError", true);
                reasons.add(processorName + ": cannot read the event store, retrying");
            }
            detail.put("status", detail.isEmpty() ? "UP" : "DOWN");
            builder.withDetail(processorName, detail);
        }
        if (reasons.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", String.join("; ", reasons));
        }
    }

    private static String describe(Letter letter) {
        return "event " + letter.eventIdentifier() + " of " + letter.aggregateIdentifier() + " ("
                + letter.cause().type() + ": " + letter.cause().message() + ")";
    }

    private static Map<String, Object> letterDetail(Letter letter) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("id", letter.id());
        detail.put("eventIdentifier", letter.eventIdentifier());
        detail.put("aggregateIdentifier", letter.aggregateIdentifier());
        detail.put("payloadType", letter.payloadType());
        detail.put("causeType", letter.cause().type());
        detail.put("causeMessage", letter.cause().message());
        detail.put("enqueuedAt", letter.enqueuedAt());
        return detail;
    }

    private static Map<String, Object> failureDetail(Failure failure) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventIdentifier", failure.eventIdentifier());
        detail.put("aggregateIdentifier", failure.aggregateIdentifier());
        detail.put("payloadType", failure.payloadType());
        detail.put("causeType", failure.causeType());
        detail.put("causeMessage", failure.causeMessage());
        detail.put("lastFailedAt", failure.failedAt().toString());
        detail.put("attempts", failure.attempts());
        return detail;
    }
}
