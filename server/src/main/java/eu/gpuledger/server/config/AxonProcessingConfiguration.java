package eu.gpuledger.server.config;

import eu.gpuledger.ledger.allocation.ClawbackPolicy;
import eu.gpuledger.ledger.directory.DirectoryUpdater;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.projections.quota.QuotaMemory;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How events are processed (STACK.md trap 5): pooled streaming processors with large batches and several
 * segments; an error in a handler propagates, so the segment retries the batch and no event is ever skipped
 * silently, except that the read models park an event they cannot process in their dead-letter queue
 * (server/.../deadletter/DeadLetterConfiguration.java, docs/dead-letters.md); the directory runs in a subscribing
 * processor, inside the command's transaction; the quota memory runs on every node with a token in that node's
 * memory (docs/quota.md).
 */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfiguration {

    @Autowired
    public void configureProcessors(EventProcessingConfigurer processing,
                                    ProcessingProperties settings, ObjectProvider<QuotaMemory> quotaMemory) {
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder
                .batchSize(settings.batchSize())
                .initialSegmentCount(settings.segments())
                .maxClaimedSegments(settings.segments()));
        // Each node keeps its own quota memory, so its processor's token is in this node's memory, not in the
        // shared token store; one segment, so that a pool's registration comes before its allocations' events.
        processing.registerTokenStore(QuotaMemory.PROCESSING_GROUP, configuration -> new InMemoryTokenStore());
        processing.registerPooledStreamingEventProcessor(QuotaMemory.PROCESSING_GROUP,
                configuration -> configuration.eventStore(),
                (configuration, builder) -> builder
                        .batchSize(settings.batchSize())
                        .initialSegmentCount(1)
                        .maxClaimedSegments(1)
                        .initialToken(source -> quotaMemory.getObject().startFromTheReadModels()));
        // An event the quota memory cannot read (the balance view parks it as a dead letter for an operator to
        // repair) is logged and passed over: otherwise the memory, and every write waiting for it, would stop at it
        // for good. The answers then lack that one event until the node restarts and loads the repaired view
        // (docs/quota.md, "An event it cannot read").
        processing.registerListenerInvocationErrorHandler(QuotaMemory.PROCESSING_GROUP,
                configuration -> new LoggingErrorHandler());
        processing.registerSubscribingEventProcessor(DirectoryUpdater.PROCESSING_GROUP);
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        processing.registerDefaultErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /** Correlation and trace ids (Axon's default), which a bean of our own would otherwise replace. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Principal, source, reason and effective time travel from each command to the events it causes. */
    @Bean
    public CorrelationDataProvider ledgerMetadataProvider() {
        return new SimpleCorrelationDataProvider(LedgerMetadata.PROPAGATED_KEYS);
    }

    @Bean
    public SnapshotTriggerDefinition allocationSnapshotTrigger(Snapshotter snapshotter,
                                                               SnapshotProperties settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.allocationThreshold());
    }

    /**
     * Allocations stay in memory between commands: an import charges the same allocations thousands of times.
     * A node that appends on a stale cached allocation fails on (aggregate, sequence) and the command is retried
     * from the event store, so the cache never makes a balance wrong, only a retry slower. Strong references,
     * bounded: see {@link CaffeineAggregateCache} for why not weak ones. Closed with the context.
     */
    @Bean
    public CaffeineAggregateCache allocationCache(AggregateCacheProperties settings) {
        return CaffeineAggregateCache.create("allocations", settings.allocationsMax());
    }

    @Bean
    public ClawbackPolicy clawbackPolicy(ClawbackProperties settings) {
        return settings.policy();
    }
}
