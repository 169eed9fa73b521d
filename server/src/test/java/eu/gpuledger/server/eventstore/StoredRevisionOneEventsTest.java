package eu.gpuledger.server.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.rebuild.RebuildEventSource;
import eu.gpuledger.server.config.CaffeineAggregateCache;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before a change of their class still load: a ConsumptionRecorded of revision 1 (the JSON the ledger
 * wrote before revision 2 stopped storing the derived total and GPU-seconds, the fixture
 * ledger/src/test/resources/stored-events/ConsumptionRecorded-revision-1.json), put in the event store as it was
 * stored then, goes through the application's upcaster chain to revision 2 and reads with the same charges and total
 * in the event store, the aggregate, the balance view and the rebuild's own reader.
 */
@LedgerIntegrationTest
class StoredRevisionOneEventsTest extends OverHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOCATION = "stored-r1";
    private static final long GRANTED_HOURS = 100;
    /** 2 GPUs × 3600 s + 8 GPUs × 600 s, the fixture's total. */
    private static final long CHARGED = 12_000;

    @Autowired
    EventStore eventStore;
    @Autowired
    Configuration axon;
    @Autowired
    RebuildEventSource rebuildSource;
    @Autowired
    CaffeineAggregateCache allocationCache;

    @Test
    void a_consumption_stored_as_revision_one_loads_everywhere_with_its_charges_and_total() throws Exception {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, ALLOCATION, "jz-a100", GRANTED_HOURS, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "stored@a100");
        String eventId = appendRevisionOne();

        Map<String, Object> stored = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE event_identifier = ?",
                eventId);
        IntermediateEventRepresentation upcast = axon.upcasterChain().upcast(Stream.of(new InitialEventRepresentation(
                new GenericDomainEventEntry<>((String) stored.get("type"), ALLOCATION, 1L, eventId,
                        stored.get("time_stamp"), (String) stored.get("payload_type"),
                        (String) stored.get("payload_revision"), stored.get("payload"), stored.get("meta_data")),
                axon.eventSerializer()))).findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).as("the application's upcaster chain reads it as revision 2")
                .isEqualTo("2");

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(ALLOCATION).asStream().toList();
        assertThat(events).hasSize(2);
        ConsumptionRecorded consumed = (ConsumptionRecorded) events.get(1).getPayload();
        assertThat(consumed.total()).isEqualTo(GpuSeconds.of(CHARGED));
        assertThat(consumed.charges()).extracting(Charge::jobId, Charge::gpuSeconds).containsExactly(
                org.assertj.core.groups.Tuple.tuple("412345", GpuSeconds.of(7_200)),
                org.assertj.core.groups.Tuple.tuple("412346", GpuSeconds.of(4_800)));

        allocationCache.remove(ALLOCATION); // it holds the allocation as it was before the row was put in behind its back
        GpuSeconds balance = DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                axon.repository(Allocation.class).load(ALLOCATION).invoke(Allocation::balance)).getPayload();
        assertThat(balance).isEqualTo(GpuSeconds.of(GRANTED_HOURS * 3_600 - CHARGED));

        awaitConsumedInTheBalanceView(CHARGED);

        try (Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> all = rebuildSource.readEvents(null)) {
            ConsumptionRecorded reread = all.filter(event -> eventId.equals(event.getIdentifier()))
                    .map(event -> (ConsumptionRecorded) event.getPayload()).findFirst().orElseThrow();
            assertThat(reread).isEqualTo(consumed);
        }
    }

    /** Appends the fixture as the allocation's second event, with the grant's metadata, as revision 1 stored it. */
    private String appendRevisionOne() throws Exception {
        Map<String, Object> grant = jdbc.queryForMap("SELECT type, meta_data, time_stamp FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 0", ALLOCATION);
        ObjectNode payload;
        try (InputStream fixture = getClass().getResourceAsStream("/stored-events/ConsumptionRecorded-revision-1.json")) {
            payload = (ObjectNode) JSON.readTree(fixture);
        }
        payload.put("allocationId", ALLOCATION);
        String eventId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, 1, ?, ?, ?, ?, '1', ?, ?)", ALLOCATION, grant.get("type"), eventId,
                grant.get("meta_data"), JSON.writeValueAsBytes(payload), ConsumptionRecorded.class.getName(),
                grant.get("time_stamp"));
        return eventId;
    }

    private void awaitConsumedInTheBalanceView(long consumed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Long shown = jdbc.query("SELECT consumed FROM allocation_balance WHERE allocation_id = ?",
                    rows -> rows.next() ? rows.getLong(1) : null, ALLOCATION);
            if (shown != null && shown == consumed) {
                return;
            }
            assertThat(System.nanoTime()).as("the balance view shows the stored consumption").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
