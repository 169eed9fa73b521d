package eu.gpuledger.server.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supplements written straight into the event store, as a bug or an older node once wrote them: a copy of a real
 * supplement's row, for another allocation, with the {@code gpuSeconds} the test chooses (a text where a number
 * belongs makes an event that Jackson cannot read back).
 */
final class StoredSupplements {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DSLContext sql;

    StoredSupplements(DSLContext sql) {
        this.sql = sql;
    }

    /** Appends a supplement of {@code allocationId} whose payload cannot be read; returns its event identifier. */
    String appendUnreadable(String allocationId, String supplementId) {
        return append(allocationId, supplementId, payload -> payload.put("gpuSeconds", "lots"));
    }

    /** Appends a readable supplement of {@code gpuSeconds}; returns its event identifier. */
    String appendReadable(String allocationId, String supplementId, long gpuSeconds) {
        return append(allocationId, supplementId, payload -> payload.put("gpuSeconds", gpuSeconds));
    }

    /** The repair of a stored event, as an operator would do it: in the event store and in its dead letters. */
    void repair(String eventIdentifier, long gpuSeconds) {
        byte[] payload = sql.fetchOne("SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                eventIdentifier).get(0, byte[].class);
        ObjectNode fixed = read(payload);
        fixed.put("gpuSeconds", gpuSeconds);
        byte[] bytes = write(fixed);
        assertThat(sql.execute("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", bytes,
                eventIdentifier)).isEqualTo(1);
        sql.execute("UPDATE dead_letter_entry SET payload = ? WHERE event_identifier = ?", bytes, eventIdentifier);
    }

    private String append(String allocationId, String supplementId, java.util.function.Consumer<ObjectNode> shape) {
        Record template = sql.fetchOne("SELECT type, payload_type, payload, meta_data FROM domain_event_entry"
                + " WHERE payload_type LIKE '%.AllocationSupplemented' ORDER BY global_index LIMIT 1");
        assertThat(template).as("a real supplement to copy").isNotNull();
        ObjectNode payload = read(template.get("payload", byte[].class));
        payload.put("allocationId", allocationId);
        payload.put("supplementId", supplementId);
        shape.accept(payload);
        long sequence = sql.fetchOne("SELECT max(sequence_number) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", allocationId).get(0, Long.class) + 1;
        String eventIdentifier = UUID.randomUUID().toString();
        sql.execute("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)", allocationId, sequence,
                template.get("type", String.class), eventIdentifier, template.get("meta_data", byte[].class),
                write(payload), template.get("payload_type", String.class), Instant.now().toString());
        return eventIdentifier;
    }

    private static ObjectNode read(byte[] payload) {
        try {
            return (ObjectNode) JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
