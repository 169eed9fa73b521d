package eu.gpuledger.server.web.allocation;

import com.fasterxml.jackson.databind.JsonNode;
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

    private final EventStore eventStore;
    private final ObjectMapper axonObjectMapper;

    public AllocationHistory(EventStore eventStore, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonObjectMapper) {
        this.eventStore = eventStore;
        this.axonObjectMapper = axonObjectMapper;
    }

    public record Entry(long sequence, String event, Instant recordedAt, JsonNode payload, Map<String, Object> metadata) {
    }

    public List<Entry> of(AllocationId allocationId) {
        List<Entry> entries = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(allocationId.value());
        stream.forEachRemaining(event -> entries.add(new Entry(event.getSequenceNumber(),
                event.getPayloadType().getSimpleName(), event.getTimestamp(),
                axonObjectMapper.valueToTree(event.getPayload()), Map.copyOf(event.getMetaData()))));
        return entries;
    }
}
