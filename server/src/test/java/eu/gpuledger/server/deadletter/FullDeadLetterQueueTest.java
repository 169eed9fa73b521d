package eu.gpuledger.server.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Past its bound the dead-letter queue parks nothing more: the read model stops at the event it cannot park and
 * retries it, and that is shown, not hidden: health DOWN with the overflow, the stalled segment counted behind.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.dead-letters.max-sequences=1")
class FullDeadLetterQueueTest extends OverHttp {

    @Autowired
    DSLContext sql;
    @Autowired
    ProjectionLag lag;

    @Test
    void a_full_queue_stops_the_read_model_visibly_instead_of_dropping_the_event() {
        StoredSupplements store = new StoredSupplements(sql);
        Catalogue.idrisWithA100AndV100(http);
        for (String allocation : new String[]{"first", "second"}) {
            Catalogue.grant(http, allocation, "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                    allocation.substring(0, 3) + "@a100");
        }
        Catalogue.ok(http.post("/api/v1/allocations/first/supplements", """
                {"supplementId": "s-model", "gpuHours": 1, "reason": "a supplement to copy"}"""));
        http.await("/api/v1/allocations/second", answer -> answer.status() == 200);

        store.appendUnreadable("first", "s-unreadable");
        http.await("/api/v1/admin/dead-letters", answer -> answer.body().get("items").size() >= 2);
        String overflowing = store.appendUnreadable("second", "s-unreadable");

        Answer health = http.await("/actuator/health", answer -> answer.body()
                .at("/components/projections/details/balances/failingBatch").has("causeType"));
        JsonNode failing = health.body().at("/components/projections/details/balances/failingBatch");
        assertThat(health.status()).isEqualTo(503);
        assertThat(failing.get("aggregateIdentifier").asText()).as(health.text()).isEqualTo("second");
        assertThat(failing.get("eventIdentifier").asText()).isEqualTo(overflowing);
        assertThat(health.body().at("/components/projections/details/balances/queueFull").asBoolean()).isTrue();
        assertThat(health.body().at("/components/projections/details/reason").asText())
                .contains("balances: the dead-letter queue is full");
        assertThat(http.get("/api/v1/admin/dead-letters").body().get("items").findValuesAsText("eventIdentifier"))
                .as("the event past the bound is not parked").doesNotContain(overflowing);
        ProjectionLag.Lag balances = lag.of("balances").orElseThrow();
        assertThat(balances.events() - balances.parked()).as("the stalled segment counts as behind, " + balances)
                .isPositive();
    }
}
