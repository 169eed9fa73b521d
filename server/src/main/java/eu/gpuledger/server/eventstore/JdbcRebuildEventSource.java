package eu.gpuledger.server.eventstore;

import eu.gpuledger.projections.rebuild.RebuildEventSource;
import eu.gpuledger.projections.rebuild.RebuildProperties;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
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
                           RebuildProperties settings) {
        this.axon = axon;
        this.connections = connections;
        this.transactions = transactions;
        this.schema = schema;
        this.readBatchSize = settings.readBatchSize();
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
     * each time it is asked for (three times per event on the way to a handler, the first right here for the gap
     * timeout). Here it is parsed once, by hand. The method is Axon 4.13's own, step for step, with the builder's
     * defaults for the gap settings (this engine sets none of them).
     */
    private static final class ReadingEngine extends JdbcEventStorageEngine {

        /** Axon's defaults: gaps older than a minute are given up, no more than 10,000 gaps are kept. */
        private static final long GAP_TIMEOUT_MILLIS = 60_000;
        private static final int MAX_GAP_OFFSET = 10_000;
        private static final long LOWEST_GLOBAL_SEQUENCE = 1;

        ReadingEngine(Builder builder) {
            super(builder);
        }

        @Override
        protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
                throws SQLException {
            EventSchema schema = schema();
            long globalSequence = resultSet.getLong(schema.globalIndexColumn());
            String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
            String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
            String timestampText = resultSet.getString(schema.timestampColumn());
            GenericDomainEventEntry<?> stored = new GenericDomainEventEntry<>(
                    resultSet.getString(schema.typeColumn()),
                    eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                    resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier, timestampText,
                    resultSet.getString(schema.payloadTypeColumn()),
                    resultSet.getString(schema.payloadRevisionColumn()),
                    readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn()));
            Instant parsed = IsoInstants.parseUtc(timestampText);
            Instant timestamp = parsed != null ? parsed : stored.getTimestamp();
            boolean allowGaps = timestamp.isAfter(GenericEventMessage.clock.instant()
                    .minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
            GapAwareTrackingToken token;
            if (previousToken == null) {
                token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet());
            } else {
                token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
            }
            return new TrackedDomainEventData<>(token, new TimestampedEntry<>(stored, timestamp));
        }
    }

    /** An event entry of the store with its timestamp already parsed. */
    private record TimestampedEntry<T>(DomainEventData<T> entry, Instant timestamp) implements DomainEventData<T> {

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
            return entry.getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return entry.getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return entry.getSequenceNumber();
        }
    }
}
