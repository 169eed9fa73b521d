package eu.gpuledger.ledger.allocation.reconciliation;

import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.ClawbackPolicy;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The real Allocation aggregate behind Axon's real command handling (annotated command handler, event-sourcing
 * repository, embedded event store), all in memory: every command reloads the aggregate from its events, as in
 * production without a cache. Far cheaper to build than an AggregateTestFixture, so thousands of sequences fit.
 */
final class InMemoryLedger {

    /** What one command did: the events it applied, or the refusal that changed nothing. */
    record Outcome(List<Object> events, RuntimeException refusal) {
        Class<? extends RuntimeException> refusalType() {
            return refusal == null ? null : refusal.getClass();
        }
    }

    private final CommandGateway gateway;
    private final EmbeddedEventStore eventStore;
    private final List<Object> published = new ArrayList<>();

    InMemoryLedger(ClawbackPolicy policy) {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        eventStore.subscribe(messages -> messages.stream().map(EventMessage::getPayload).forEach(published::add));
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Allocation.class),
                new SimpleResourceParameterResolverFactory(List.of(policy)));
        AggregateModel<Allocation> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Allocation.class,
                resolvers);
        EventSourcingRepository<Allocation> repository = EventSourcingRepository.builder(Allocation.class)
                .eventStore(eventStore).aggregateModel(model).build();
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Allocation>builder().aggregateType(Allocation.class)
                .aggregateModel(model).repository(repository).build().subscribe(commandBus);
        gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    Outcome send(Object command) {
        published.clear();
        try {
            gateway.sendAndWait(command);
            return new Outcome(List.copyOf(published), null);
        } catch (RuntimeException refusal) {
            return new Outcome(List.copyOf(published), refusal);
        }
    }

    void shutDown() {
        eventStore.shutDown();
    }
}
