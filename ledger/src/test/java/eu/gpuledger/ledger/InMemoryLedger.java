package eu.gpuledger.ledger;

import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AskedOfAnAllocation;
import eu.gpuledger.ledger.allocation.ClawbackPolicy;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.transfer.Transfer;
import eu.gpuledger.ledger.transfer.TransferHandler;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The write model behind Axon's real configuration, all in memory: the Allocation and Transfer aggregates in an
 * event-sourcing repository each (every command reloads them from their events, as in production without a cache),
 * the ledger's {@link TransferHandler}, and what a fixture test asks of an allocation ({@link AskedOfAnAllocation}).
 * The directory is an {@link InMemoryDirectory} fed every event stored, as {@code DirectoryUpdater} is in
 * production. Commands run one at a time; far cheaper to build than a Spring context, so thousands fit in a test.
 */
public final class InMemoryLedger implements AutoCloseable {

    /** What one command did: its result and the events it stored, or the refusal that stored nothing. */
    public record Outcome(Object result, List<Object> events, RuntimeException refusal) {
        public Class<? extends RuntimeException> refusalType() {
            return refusal == null ? null : refusal.getClass();
        }
    }

    private final Configuration axon;
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final List<Object> stored = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    public InMemoryLedger(Clock clock, ClawbackPolicy policy) {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .configureAggregate(Allocation.class)
                .configureAggregate(Transfer.class)
                .registerComponent(Directory.class, configuration -> directory)
                .registerComponent(ClawbackPolicy.class, configuration -> policy)
                .registerCommandHandler(configuration -> new TransferHandler(configuration, directory, clock))
                .registerCommandHandler(configuration ->
                        new AskedOfAnAllocation(configuration.repository(Allocation.class)))
                .buildConfiguration();
        axon.start();
        axon.eventStore().subscribe(messages -> messages.forEach(this::stored));
    }

    private void stored(EventMessage<?> message) {
        stored.add(message.getPayload());
        directory.record(message.getPayload());
        if (message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain) {
            sequences.merge(domain.getAggregateIdentifier(), domain.getSequenceNumber() + 1, Math::max);
        }
    }

    /** The directory, for what a test records in it besides the events (a catalogue it does not store here). */
    public InMemoryDirectory directory() {
        return directory;
    }

    /**
     * Stores events as if earlier commands had applied them, each on the aggregate its id names (an allocation's,
     * else a transfer's, else a pool's or a project's), and records them in the directory.
     */
    public InMemoryLedger given(Object... events) {
        for (Object event : events) {
            String aggregate = aggregateOf(event);
            long sequence = sequences.getOrDefault(aggregate, 0L);
            axon.eventStore().publish(new GenericDomainEventMessage<>(typeOf(event), aggregate, sequence, event));
        }
        stored.clear();
        return this;
    }

    /** Sends a command and waits: what it stored, or what refused it. */
    public Outcome send(Object command) {
        stored.clear();
        CommandGateway gateway = axon.commandGateway();
        try {
            Object result = gateway.sendAndWait(command);
            return new Outcome(result, List.copyOf(stored), null);
        } catch (RuntimeException refusal) {
            return new Outcome(null, List.copyOf(stored), refusal);
        }
    }

    public <R> R allocation(AllocationId allocationId, Function<Allocation, R> query) {
        return inUnitOfWork(axon.repository(Allocation.class), allocationId.value(), query);
    }

    public <R> R transfer(TransferId transferId, Function<Transfer, R> query) {
        return inUnitOfWork(axon.repository(Transfer.class), transferId.value(), query);
    }

    private static <A, R> R inUnitOfWork(Repository<A> repository, String id, Function<A, R> query) {
        try {
            return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> repository.load(id).invoke(query))
                    .getPayload();
        } catch (Exception failure) {
            throw new IllegalStateException("could not load " + id, failure);
        }
    }

    private static String aggregateOf(Object event) {
        for (String idAccessor : new String[]{"allocationId", "transferId", "poolId", "projectId"}) {
            try {
                Method accessor = event.getClass().getMethod(idAccessor);
                return String.valueOf(accessor.invoke(event));
            } catch (NoSuchMethodException notThisKind) {
                // the next kind of id
            } catch (ReflectiveOperationException unreadable) {
                throw new IllegalArgumentException("no id in " + event, unreadable);
            }
        }
        throw new IllegalArgumentException("no aggregate id in " + event);
    }

    /** The aggregate type Axon stores: the simple name of the aggregate class of the event's feature package. */
    private static String typeOf(Object event) {
        String feature = event.getClass().getPackageName();
        String simple = feature.substring(feature.lastIndexOf('.') + 1);
        return Character.toUpperCase(simple.charAt(0)) + simple.substring(1);
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
