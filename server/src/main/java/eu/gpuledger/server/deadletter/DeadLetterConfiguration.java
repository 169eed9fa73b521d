package eu.gpuledger.server.deadletter;

import eu.gpuledger.projections.balance.AllocationBalanceProjection;
import eu.gpuledger.projections.catalogue.CatalogueProjection;
import eu.gpuledger.projections.journal.JournalProjection;
import eu.gpuledger.projections.statement.StatementProjection;
import eu.gpuledger.projections.transfer.TransferProjection;
import eu.gpuledger.projections.usage.UsageDailyProjection;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Dead letters (docs/dead-letters.md): an event that a read model's handler cannot process (it cannot even be read,
 * or the handler throws) is parked in {@code dead_letter_entry} with its cause, and the processor goes on with the
 * other events. The queue is sequenced per aggregate (Axon's default sequencing policy): once an allocation has a
 * dead letter, its later events are parked behind it, in order, so that its balance is never built from a history
 * with a hole in it; other allocations are not held up.
 * <p>
 * Not dead-lettered: the directory, a subscribing processor inside the command's transaction (its failure is the
 * command's failure).
 * <p>
 * The queue is bounded: past {@code ledger.dead-letters.max-sequences} parked aggregates per read model, or
 * {@code max-sequence-size} parked events of one aggregate, Axon refuses the letter and the batch fails. The
 * processor then stops and retries, shown DOWN by the health and behind by the lag: past its bound the queue never
 * drops an event, it stops the read model.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    /** The read models: their events go to the dead-letter queue when they cannot be processed. */
    public static final List<String> DEAD_LETTERED_GROUPS = List.of(AllocationBalanceProjection.PROCESSING_GROUP,
            JournalProjection.PROCESSING_GROUP, UsageDailyProjection.PROCESSING_GROUP,
            CatalogueProjection.PROCESSING_GROUP, TransferProjection.PROCESSING_GROUP,
            StatementProjection.PROCESSING_GROUP);

    /** The streaming processors whose failures the health shows: the read models. */
    public static final List<String> WATCHED_PROCESSORS = DEAD_LETTERED_GROUPS;

    /** Letters of one sequence held in memory at once while a sequence is retried. */
    private static final int PAGE_SIZE = 100;

    @Autowired
    public void configureDeadLetters(EventProcessingConfigurer processing, ConnectionProvider connections,
                                     TransactionManager transactions, DeadLetterSchema schema,
                                     ProcessingFailures failures,
                                     DeadLetterProperties settings) {
        for (String group : DEAD_LETTERED_GROUPS) {
            processing.registerDeadLetterQueue(group, configuration -> JdbcSequencedDeadLetterQueue.builder()
                    .processingGroup(group)
                    .connectionProvider(connections)
                    .transactionManager(transactions)
                    .schema(schema)
                    // the event serializer of the store: the letter keeps the stored bytes as they are, never
                    // deserialized and serialized again (an event that cannot be read can still be parked)
                    .eventSerializer(configuration.eventSerializer())
                    .genericSerializer(configuration.serializer())
                    .maxSequences(settings.maxSequences())
                    .maxSequenceSize(settings.maxSequenceSize())
                    .pageSize(PAGE_SIZE)
                    .build());
            processing.registerDeadLetterPolicy(group, configuration ->
                    (letter, cause) -> Decisions.enqueue(DeadLetterCause.of(cause)));
            // without the cache every event would ask the database whether its aggregate is parked
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                    (configuration, builder) -> builder.enableSequenceIdentifierCache());
        }
        for (String processor : WATCHED_PROCESSORS) {
            processing.registerErrorHandler(processor, configuration -> failures.errorHandler());
            processing.registerHandlerInterceptor(processor, configuration -> failures.recoveryInterceptor(processor));
        }
    }
}
