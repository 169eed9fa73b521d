package eu.gpuledger.server.config;

import eu.gpuledger.projections.rebuild.RebuildEventSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
            built = new ReadingEngine(JdbcEventStorageEngine.builder()
                    .connectionProvider(connections)
                    .transactionManager(transactions)
                    .schema(schema)
                    .eventSerializer(configuration.eventSerializer())
                    .snapshotSerializer(configuration.serializer())
                    .upcasterChain(configuration.upcasterChain())
                    .batchSize(readBatchSize));
            engine = built;
        }
        return built;
    }

    /**
     * Axon's engine, whose event entries keep their timestamp as text and parse it with the general date-time parser
     * each time it is asked for (twice per event on the way to a handler): here it is parsed once, by hand.
     */
    private static final class ReadingEngine extends JdbcEventStorageEngine {

        ReadingEngine(Builder builder) {
            super(builder);
        }

        @Override
        protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
                throws SQLException {
            TrackedEventData<?> entry = super.getTrackedEventData(resultSet, previousToken);
            if (!(entry instanceof DomainEventData<?>)) {
                return entry;
            }
            Instant timestamp = IsoInstants.parseUtc(resultSet.getString(schema().timestampColumn()));
            return timestamp == null ? entry : new TimestampedEntry<>(entry, timestamp);
        }
    }

    /** An event entry of the store with its timestamp already parsed. */
    @SuppressWarnings("unchecked")
    private record TimestampedEntry<T>(TrackedEventData<T> entry, Instant timestamp)
            implements TrackedEventData<T>, DomainEventData<T> {

        @Override
        public TrackingToken trackingToken() {
            return entry.trackingToken();
        }

        @Override
        public String getEventIdentifier() {
            return entry.getEventIdentifier();
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public SerializedObject<T> getMetaData() {
            return entry.getMetaData();
        }

        @Override
        public SerializedObject<T> getPayload() {
            return entry.getPayload();
        }

        @Override
        public String getType() {
            return ((DomainEventData<T>) entry).getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return ((DomainEventData<T>) entry).getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return ((DomainEventData<T>) entry).getSequenceNumber();
        }
    }
}
