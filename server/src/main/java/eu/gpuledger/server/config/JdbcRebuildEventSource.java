package eu.gpuledger.server.config;

import eu.gpuledger.projections.rebuild.RebuildEventSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.stream.Stream;

/**
 * A second JDBC storage engine over the same tables, serializers and upcasters as the application's, used only to
 * read for rebuilds: it fetches {@code ledger.rebuild.read-batch-size} events per query instead of Axon's default
 * 100, since a replay of a million events would otherwise spend most of its time on 10,000 round trips. It is not
 * an {@link EventStorageEngine} bean, so that Axon's auto-configuration still provides the one everything else uses.
 */
@Component
class JdbcRebuildEventSource implements RebuildEventSource {

    private final ObjectProvider<Configuration> axon;
    private final ConnectionProvider connections;
    private final TransactionManager transactions;
    private final EventSchema schema;
    private final int readBatchSize;
    private volatile EventStorageEngine engine;

    JdbcRebuildEventSource(ObjectProvider<Configuration> axon, ConnectionProvider connections,
                           TransactionManager transactions, EventSchema schema,
                           @Value("${ledger.rebuild.read-batch-size:5000}") int readBatchSize) {
        if (readBatchSize < 100 || readBatchSize > 100_000) {
            throw new IllegalArgumentException("ledger.rebuild.read-batch-size must be in [100, 100000], got "
                    + readBatchSize);
        }
        this.axon = axon;
        this.connections = connections;
        this.transactions = transactions;
        this.schema = schema;
        this.readBatchSize = readBatchSize;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken from) {
        return engine().readEvents(from, false);
    }

    private EventStorageEngine engine() {
        EventStorageEngine built = engine;
        if (built == null) {
            Configuration configuration = axon.getObject();
            built = JdbcEventStorageEngine.builder()
                    .connectionProvider(connections)
                    .transactionManager(transactions)
                    .schema(schema)
                    .eventSerializer(configuration.eventSerializer())
                    .snapshotSerializer(configuration.serializer())
                    .upcasterChain(configuration.upcasterChain())
                    .batchSize(readBatchSize)
                    .build();
            engine = built;
        }
        return built;
    }
}
