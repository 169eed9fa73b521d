package eu.gpuledger.server.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import java.lang.reflect.Constructor;
import java.time.Duration;

import static eu.gpuledger.server.usage.UsageScenario.job;
import static eu.gpuledger.server.usage.UsageScenario.sacct;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * STACK.md traps 2 and 9: an allocation is snapshotted every few events (here 3, so a short test takes several)
 * and cached; what the repository loads from the latest snapshot must be, field by field, what its events alone
 * rebuild. Compared through Axon's own Jackson mapper, which is what writes the snapshots.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.snapshots.allocation-threshold=3")
class AllocationSnapshotTest extends OverHttp {

    private static final Duration SNAPSHOT_DEADLINE = Duration.ofSeconds(20);

    @Autowired
    Configuration axon;
    @Autowired
    EventStore eventStore;
    @Autowired
    @Qualifier("allocationCache")
    Cache allocationCache;
    @Autowired
    @Qualifier("defaultAxonObjectMapper")
    ObjectMapper axonJson;

    @Test
    void an_allocation_loaded_from_its_snapshot_equals_the_one_its_events_rebuild() throws Exception {
        UsageScenario centre = new UsageScenario(http, "snap", "UTC");
        centre.grant("snap-alloc", "snap@h100", "2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z");
        long consumed = 0;
        for (int file = 0; file < 10; file++) {
            String id = Integer.toString(600 + file);
            centre.importSacct(sacct(job(id, "snap@h100", "gpu_p6", 3600 + file, "2026-10-12T08:00:00", "2026-10-12T09:00:00")));
            consumed += 2L * (3600 + file);
        }
        assertThat(http.post("/api/v1/allocations/snap-alloc/supplements", """
                {"supplementId": "s-1", "gpuHours": 10, "reason": "call extension"}""").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/usage/snap-cluster:600/refunds", """
                {"refundId": "r-1", "gpuSeconds": 100, "reason": "node failure"}""").status()).isEqualTo(200);
        centre.importSacct(sacct(job("700", "snap@h100", "gpu_p6", 60, "2026-10-12T08:59:00", "2026-10-12T09:00:00")));
        consumed += 120;
        long lastSequence = lastSequenceOf("snap-alloc");
        long snapshotSequence = awaitSnapshotAfter("snap-alloc", lastSequence - 3);

        DomainEventStream latest = eventStore.readEvents("snap-alloc");
        DomainEventMessage<?> snapshot = latest.peek();
        assertThat(snapshot.getPayload()).as("the stream starts with a readable snapshot").isInstanceOf(Allocation.class);
        assertThat(tree(snapshot.getPayload())).as("the snapshot, field by field")
                .isEqualTo(tree(replayed("snap-alloc", snapshot.getSequenceNumber())));
        assertThat(snapshot.getSequenceNumber()).isEqualTo(snapshotSequence);

        allocationCache.removeAll();
        Allocation loaded = DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                axon.repository(Allocation.class).load("snap-alloc").invoke(allocation -> allocation)).getPayload();
        JsonNode fromEvents = tree(replayed("snap-alloc", Long.MAX_VALUE));
        assertThat(tree(loaded)).isEqualTo(fromEvents);
        assertThat(fromEvents.at("/buckets/consumed").asLong()).as("the comparison is not vacuous").isEqualTo(consumed);
        assertThat(fromEvents.at("/buckets/refunded").asLong()).isEqualTo(100);
        assertThat(fromEvents.at("/buckets/supplemented").asLong()).isEqualTo(36_000);
        assertThat(fromEvents.at("/refunds/events/r-1/gpuSeconds").asLong()).isEqualTo(100);
    }

    /**
     * A snapshot written before the allocation's state took its revision (its buckets were fields of their own then)
     * is passed over, not misread: the allocation loads from its events (Axon's revision snapshot filter).
     */
    @Test
    void a_snapshot_of_the_state_before_its_revision_is_passed_over_and_the_events_are_read() throws Exception {
        UsageScenario centre = new UsageScenario(http, "oldsnap", "UTC");
        centre.grant("oldsnap-alloc", "oldsnap@h100", "2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z");
        centre.importSacct(sacct(job("800", "oldsnap@h100", "gpu_p6", 3600, "2026-10-12T08:00:00",
                "2026-10-12T09:00:00")));
        byte[] grant = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = 0", byte[].class, "oldsnap-alloc");
        String before = """
                {"allocationId": "oldsnap-alloc", "grant": %s, "supplemented": 0, "consumed": 999999,
                 "refunded": 0, "transferredIn": 0, "transferredOut": 0, "clawedBack": 0, "expired": 0,
                 "suspended": false, "hasExpired": false, "supplements": {}, "refunds": {}, "refundedByRecord": {},
                 "warnings": {}, "clawbacks": {}, "debits": {}, "credits": {}, "reversals": {}}"""
                .formatted(new String(grant, java.nio.charset.StandardCharsets.UTF_8));
        jdbc.update("INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, ?, 'Allocation', ?, ?, NULL, ?, ?)",
                "oldsnap-alloc", lastSequenceOf("oldsnap-alloc"), java.util.UUID.randomUUID().toString(),
                before.getBytes(java.nio.charset.StandardCharsets.UTF_8), Allocation.class.getName(),
                java.time.Instant.now().toString());

        allocationCache.removeAll();
        Allocation loaded = DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                axon.repository(Allocation.class).load("oldsnap-alloc").invoke(allocation -> allocation)).getPayload();
        assertThat(tree(loaded)).isEqualTo(tree(replayed("oldsnap-alloc", Long.MAX_VALUE)));
        assertThat(tree(loaded).at("/buckets/consumed").asLong()).isEqualTo(2 * 3600);
    }

    /** An allocation rebuilt from its events [0, upToSequence] alone: no snapshot, no cache. */
    private Allocation replayed(String allocationId, long upToSequence) throws Exception {
        AggregateModel<Allocation> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Allocation.class);
        Constructor<Allocation> empty = Allocation.class.getDeclaredConstructor();
        empty.setAccessible(true);
        Allocation allocation = empty.newInstance();
        eventStore.readEvents(allocationId, 0).asStream()
                .filter(event -> event.getSequenceNumber() <= upToSequence)
                .forEach(event -> model.publish(event, allocation));
        return allocation;
    }

    private JsonNode tree(Object allocation) {
        return axonJson.valueToTree(allocation);
    }

    private long lastSequenceOf(String allocationId) {
        Long last = jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, allocationId);
        return last == null ? -1 : last;
    }

    /** Snapshots are taken after the commit that crossed the threshold: poll for one, with a deadline. */
    private long awaitSnapshotAfter(String allocationId, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + SNAPSHOT_DEADLINE.toNanos();
        while (true) {
            Long latest = jdbc.queryForObject("SELECT max(sequence_number) FROM snapshot_event_entry"
                    + " WHERE aggregate_identifier = ?", Long.class, allocationId);
            if (latest != null && latest > sequence) {
                return latest;
            }
            assertThat(System.nanoTime()).as("a snapshot of " + allocationId + " past sequence " + sequence)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
