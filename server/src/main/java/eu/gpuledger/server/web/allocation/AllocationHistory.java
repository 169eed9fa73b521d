package eu.gpuledger.server.web.allocation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.gpuledger.ledger.allocation.AllocationId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every event of one record (an allocation, a provider, a cluster, a project) with its metadata (who, when, why,
 * source), straight from the event store, in the order it was recorded.
 */
@Component
public class AllocationHistory {

    /** Entries per page at most: a history grows with every booking, a page does not. */
    public static final int LIMIT_MAX = 1000;

    /** Plain maps, because the web layer writes JSON with Jackson 3 and Axon's mapper is Jackson 2. */
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final EventStore eventStore;
    private final ObjectMapper axonObjectMapper;

    public AllocationHistory(EventStore eventStore, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonObjectMapper) {
        this.eventStore = eventStore;
        this.axonObjectMapper = axonObjectMapper;
    }

    public record Entry(long sequence, String event, Instant recordedAt, Map<String, Object> payload,
                        Map<String, Object> metadata) {
    }

    /**
     * @param next the sequence of the last entry, to pass as {@code after} for the next page; null on the last page
     */
    public record Page(List<Entry> entries, Long next) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    public List<Entry> of(AllocationId allocationId) {
        List<Entry> entries = new ArrayList<>();
        eventStore.readEvents(allocationId.value()).forEachRemaining(event -> entries.add(entry(event)));
        return entries;
    }

    /**
     * The entries of the record {@code aggregateId} of type {@code aggregateType} (the aggregate's class name, so
     * that a project's events are never shown as a provider's) after the sequence {@code after} (-1: from the
     * first), at most {@code limit}.
     */
    public Page page(String aggregateType, String aggregateId, long after, int limit) {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + LIMIT_MAX + "], got " + limit);
        }
        List<Entry> entries = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId, after + 1);
        while (stream.hasNext() && entries.size() <= limit) {
            DomainEventMessage<?> event = stream.next();
            if (!aggregateType.equals(event.getType())) {
                return new Page(List.of(), null);
            }
            entries.add(entry(event));
        }
        if (entries.size() <= limit) {
            return new Page(entries, null);
        }
        List<Entry> page = entries.subList(0, limit);
        return new Page(page, page.get(limit - 1).sequence());
    }

    private Entry entry(DomainEventMessage<?> event) {
        return new Entry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(), event.getTimestamp(),
                axonObjectMapper.convertValue(event.getPayload(), PAYLOAD), Map.copyOf(event.getMetaData()));
    }
}
