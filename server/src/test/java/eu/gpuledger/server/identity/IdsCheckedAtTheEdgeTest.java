package eu.gpuledger.server.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids are checked where a client's value enters the ledger, not when an event is read: events stored with ids that
 * today's rule refuses (a space, 300 characters), as a stricter rule tomorrow would find today's, still load, into
 * the aggregate and the read models; the HTTP edge still refuses such ids with a 400 naming the field.
 */
@LedgerIntegrationTest
class IdsCheckedAtTheEdgeTest extends OverHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_ID = "s".repeat(300);

    @Autowired
    EventStore eventStore;
    @Autowired
    Configuration axon;

    @Test
    void events_whose_ids_break_today_s_rule_load_from_their_stored_json() throws Exception {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "edge-template", "jz-a100", 100, "2040-01-01T00:00:00Z", "2041-01-01T00:00:00Z",
                "edge@a100");
        Catalogue.ok(http.post("/api/v1/allocations/edge-template/supplements", """
                {"supplementId": "edge-s", "gpuHours": 10, "reason": "template"}"""));
        String oldId = "2024 AD011014949 a100";

        appendCopyOf("edge-template", "AllocationGranted", oldId, 0,
                Map.of("allocationId", oldId, "schedulerAccount", "old account@a100"));
        appendCopyOf("edge-template", "AllocationSupplemented", oldId, 1,
                Map.of("allocationId", oldId, "supplementId", LONG_ID));

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(oldId).asStream().toList();
        assertThat(events).extracting(DomainEventMessage::getPayload).satisfiesExactly(
                granted -> assertThat(((AllocationGranted) granted).schedulerAccount().value())
                        .isEqualTo("old account@a100"),
                supplemented -> assertThat(((AllocationSupplemented) supplemented).supplementId().value())
                        .isEqualTo(LONG_ID));
        GpuSeconds balance = DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                axon.repository(Allocation.class).load(oldId).invoke(Allocation::balance)).getPayload();
        assertThat(balance).isEqualTo(GpuSeconds.ofHours(110));
        awaitBalanceView(oldId, 110 * 3_600L);
    }

    @Test
    void the_http_edge_refuses_such_ids_naming_the_field() {
        Catalogue.idrisWithA100AndV100(http);
        assertInvalid(http.post("/api/v1/allocations", """
                {"allocationId": "with space", "projectId": "2026-A0191012641", "poolId": "jz-a100",
                 "fundingSource": "GENCI", "gpuHours": 1, "periodStart": "2040-01-01T00:00:00Z",
                 "periodEnd": "2041-01-01T00:00:00Z"}"""), "allocationId");
        assertInvalid(http.post("/api/v1/allocations", """
                {"allocationId": "edge-ok", "projectId": "2026-A0191012641", "poolId": "jz-a100",
                 "fundingSource": "GENCI", "gpuHours": 1, "periodStart": "2040-01-01T00:00:00Z",
                 "periodEnd": "2041-01-01T00:00:00Z", "schedulerAccount": "old account@a100"}"""),
                "schedulerAccount");
        assertInvalid(http.post("/api/v1/allocations/edge-template/supplements", """
                {"supplementId": "%s", "gpuHours": 1, "reason": "too long an id"}""".formatted(LONG_ID)),
                "supplementId");
        assertInvalid(http.post("/api/v1/transfers", """
                {"transferId": "edge-t", "fromAllocationId": "with space", "toAllocationId": "edge-template",
                 "gpuHours": 1, "reason": "r"}"""), "fromAllocationId");
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN"
                + " ('with space', 'edge-ok', 'edge-t')")).isZero();
    }

    private void assertInvalid(eu.gpuledger.server.support.LedgerHttp.Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().get("type").asText()).endsWith("/invalid-input");
        assertThat(answer.body().get("detail").asText()).startsWith(field + " ");
    }

    /** Appends as event {@code sequence} of {@code aggregate} a copy of another's stored event, some fields changed. */
    private void appendCopyOf(String template, String eventType, String aggregate, long sequence,
                              Map<String, String> changes) throws Exception {
        Map<String, Object> row = jdbc.queryForMap("SELECT type, payload_type, payload_revision, payload, meta_data,"
                + " time_stamp FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?"
                + " ORDER BY sequence_number LIMIT 1", template, "%." + eventType);
        ObjectNode payload = (ObjectNode) JSON.readTree((byte[]) row.get("payload"));
        changes.forEach(payload::put);
        jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", aggregate, sequence, row.get("type"),
                UUID.randomUUID().toString(), row.get("meta_data"), JSON.writeValueAsBytes(payload),
                row.get("payload_revision"), row.get("payload_type"), row.get("time_stamp"));
    }

    private void awaitBalanceView(String allocationId, long balanceGpuSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            Long held = jdbc.query("SELECT granted + supplemented FROM allocation_balance"
                    + " WHERE allocation_id = ?", rows -> rows.next() ? rows.getLong(1) : null, allocationId);
            if (held != null && held == balanceGpuSeconds) {
                return;
            }
            assertThat(System.nanoTime()).as("the balance view of " + allocationId + " shows the stored events")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
