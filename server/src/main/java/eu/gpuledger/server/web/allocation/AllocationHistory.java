package eu.gpuledger.server.web.allocation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.gpuledger.ledger.allocation.AllocationId;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every event of one allocation with its metadata (who, when, why, source), straight from the event store. */
@Component
public class AllocationHistory {

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

    public List<Entry> of(AllocationId allocationId) {
        List<Entry> entries = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(allocationId.value());
        stream.forEachRemaining(event -> entries.add(new Entry(event.getSequenceNumber(),
                event.getPayloadType().getSimpleName(), event.getTimestamp(),
                axonObjectMapper.convertValue(event.getPayload(), PAYLOAD), Map.copyOf(event.getMetaData()))));
        return entries;
    }
}
