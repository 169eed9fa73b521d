package eu.gpuledger.server.deadletter;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batch each watched processor is failing on, if any: a failure that the dead-letter queue does not take (the
 * queue is full, the projection's writes fail). The batch rolls back and the
 * processor retries it after a back-off, for as long as it fails; in between, Axon's processor shows no status for
 * the released segment at all, which is why the health and the lag once said that nothing was wrong. The failure is
 * forgotten when a batch that holds the event it was first seen on commits.
 */
@Component
public class ProcessingFailures {

    /** A batch that failed: its first event, and why. */
    public record Failure(String processor, String eventIdentifier, String aggregateIdentifier, String payloadType,
                          String causeType, String causeMessage, Instant failedAt, long attempts) {
    }

    private final Map<String, Failure> failing = new ConcurrentHashMap<>();
    private final Clock clock;

    public ProcessingFailures(Clock clock) {
        this.clock = clock;
    }

    public Optional<Failure> of(String processor) {
        return Optional.ofNullable(failing.get(processor));
    }

    /** Remembers the failure, then propagates it so that the batch rolls back and is retried: nothing is skipped. */
    ErrorHandler errorHandler() {
        return context -> {
            record(context.eventProcessor(), context.failedEvents(), context.error());
            PropagatingErrorHandler.instance().handleError(context);
        };
    }

    /** Forgets the processor's failure once the event it failed on is part of a batch that commits. */
    MessageHandlerInterceptor<EventMessage<?>> recoveryInterceptor(String processor) {
        return (unitOfWork, chain) -> {
            Failure failure = failing.get(processor);
            if (failure != null && failure.eventIdentifier().equals(unitOfWork.getMessage().getIdentifier())) {
                unitOfWork.afterCommit(committed -> failing.remove(processor, failure));
            }
            return chain.proceed();
        };
    }

    private void record(String processor, List<? extends EventMessage<?>> events, Throwable error) {
        if (events.isEmpty()) {
            return;
        }
        EventMessage<?> first = events.get(0);
        String aggregate = first instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        var cause = DeadLetterCause.of(error);
        failing.compute(processor, (name, before) -> new Failure(processor, first.getIdentifier(), aggregate,
                first.getPayloadType().getName(), cause.type(), cause.message(), clock.instant(),
                before != null && before.eventIdentifier().equals(first.getIdentifier()) ? before.attempts() + 1 : 1));
    }
}
