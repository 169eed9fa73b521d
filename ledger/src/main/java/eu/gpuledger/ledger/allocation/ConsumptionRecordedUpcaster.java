package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads a stored {@link ConsumptionRecorded} of revision 1 as revision 2: the total and each charge's GPU-seconds,
 * which revision 1 stored beside what they follow from, are dropped. A stored figure that disagrees with what it
 * follows from (charged GPUs × elapsed seconds; the sum of the charges) would make the balance change on reading,
 * without a word: such an event is refused, naming it, rather than read. Every writer of revision 1 computed both
 * figures from the same fields, so none is expected; the test of this class shows the refusal.
 * <p>
 * Registered with Axon's upcaster chain as a Spring bean; it runs for the event store, the tracking processors and
 * the rebuild's own reader alike.
 */
@Component
@Order(0)
public class ConsumptionRecordedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ConsumptionRecorded.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ConsumptionRecorded.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation stored) {
        return REVISION_1.equals(stored.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation stored) {
        return stored.upcastPayload(REVISION_2, JsonNode.class,
                payload -> revisionTwo(payload, stored.getMessageIdentifier()));
    }

    /** Revision 1's JSON without its derived figures, once they are checked against what they follow from. */
    static JsonNode revisionTwo(JsonNode revisionOne, String eventId) {
        ObjectNode event = (ObjectNode) revisionOne.deepCopy();
        long sum = 0;
        for (JsonNode charge : event.path("charges")) {
            long derived = Math.multiplyExact(charge.path("chargedGpus").asLong(), charge.path("elapsedSeconds").asLong());
            JsonNode stored = charge.get("gpuSeconds");
            if (stored != null && !stored.isNull() && stored.asLong() != derived) {
                throw new StoredFigureDisagrees(eventId, "charge of record " + charge.path("recordId").asText()
                        + " stored " + stored.asLong() + " GPU-seconds, but its chargedGpus × elapsedSeconds is "
                        + derived);
            }
            ((ObjectNode) charge).remove("gpuSeconds");
            sum = Math.addExact(sum, derived);
        }
        JsonNode total = event.remove("total");
        if (total != null && !total.isNull() && total.asLong() != sum) {
            throw new StoredFigureDisagrees(eventId, "total " + total.asLong()
                    + " GPU-seconds is not the sum of its charges, " + sum);
        }
        return event;
    }

    /** A stored event whose derived figures disagree with what they follow from: read, it would change a balance. */
    public static final class StoredFigureDisagrees extends IllegalStateException {
        StoredFigureDisagrees(String eventId, String problem) {
            super("stored ConsumptionRecorded " + eventId + " (revision 1) cannot be read as revision 2: " + problem);
        }
    }
}
