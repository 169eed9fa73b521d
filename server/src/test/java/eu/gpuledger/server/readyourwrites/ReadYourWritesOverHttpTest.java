package eu.gpuledger.server.readyourwrites;

import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.projections.balance.AllocationBalanceProjection;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that writes and then reads sees its write: the read models are held back on purpose (a slow handler in
 * the balance view's processing group), so a read that raced the projection would see the state before the write.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.read-your-writes.wait-max=PT3S")
@Import(ReadYourWritesOverHttpTest.SlowBalanceProjection.class)
class ReadYourWritesOverHttpTest extends OverHttp {

    /** How long the balance view's processor is held on each supplement and consumption. */
    static volatile Duration projectionDelay = Duration.ZERO;

    @TestConfiguration
    static class SlowBalanceProjection {
        @Bean
        SlowHandler slowBalanceHandler() {
            return new SlowHandler();
        }
    }

    @ProcessingGroup(AllocationBalanceProjection.PROCESSING_GROUP)
    static class SlowHandler {
        @EventHandler
        void on(AllocationSupplemented supplemented) throws InterruptedException {
            Thread.sleep(projectionDelay.toMillis());
        }

        @EventHandler
        void on(ConsumptionRecorded recorded) throws InterruptedException {
            Thread.sleep(projectionDelay.toMillis());
        }
    }

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void catalogue() {
        Catalogue.idrisWithA100AndV100(http);
    }

    @AfterEach
    void projectionsAtFullSpeed() {
        projectionDelay = Duration.ZERO;
    }

    @Test
    void a_supplement_answers_with_the_balance_after_it_and_the_next_read_shows_it() {
        Catalogue.grant(http, "ryw-supplement", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "ryw@a100");
        projectionDelay = Duration.ofMillis(400);

        Answer supplemented = http.post("/api/v1/allocations/ryw-supplement/supplements", """
                {"supplementId": "s-1", "gpuHours": 50, "reason": "demande au fil de l'eau"}""");

        assertThat(supplemented.status()).as(supplemented.text()).isEqualTo(200);
        assertThat(supplemented.body().at("/supplemented/gpuSeconds").asLong()).isEqualTo(50 * 3600);
        assertThat(supplemented.body().at("/balance/gpuSeconds").asLong()).isEqualTo(150 * 3600);
        Answer read = http.get("/api/v1/allocations/ryw-supplement");
        assertThat(read.body().at("/supplemented/gpuSeconds").asLong()).isEqualTo(50 * 3600);
    }

    @Test
    void an_import_answers_once_the_balance_and_the_quota_show_what_it_charged() {
        Catalogue.grant(http, "ryw-import", "jz-a100", 1, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "imp@a100");
        projectionDelay = Duration.ofMillis(400);

        Answer imported = http.post("/api/v1/usage/sacct?cluster=jean-zay", """
                JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State
                7001|7001|imp@a100|alice|gpu_p5|billing=8,cpu=8,gres/gpu=1,mem=10G,node=1|4000|2026-03-01T10:00:00|2026-03-01T11:06:40|COMPLETED
                """, "text/plain");

        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.body().get("chargedGpuSeconds").asLong()).isEqualTo(4000);
        Answer balance = http.get("/api/v1/allocations/ryw-import");
        assertThat(balance.body().at("/consumed/gpuSeconds").asLong()).isEqualTo(4000);
        Answer quota = http.get("/api/v1/quota/imp@a100?cluster=jean-zay");
        assertThat(quota.body().get("decision").asText()).as(quota.text()).isEqualTo("LOW_PRIORITY");
    }

    @Test
    void a_refund_states_what_it_gave_back_and_the_balance_after_it() {
        Catalogue.grant(http, "ryw-refund", "jz-a100", 10, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "ref@a100");
        Catalogue.ok(http.post("/api/v1/usage/sacct?cluster=jean-zay", """
                JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State
                7002|7002|ref@a100|alice|gpu_p5|billing=8,cpu=8,gres/gpu=1,mem=10G,node=1|3600|2026-03-01T10:00:00|2026-03-01T11:00:00|NODE_FAIL
                """, "text/plain"));
        String recordId = "jean-zay:7002";

        Answer refund = http.post("/api/v1/usage/" + recordId + "/refunds", """
                {"refundId": "r-1", "reason": "node failure"}""");

        assertThat(refund.status()).as(refund.text()).isEqualTo(200);
        assertThat(refund.body().at("/refunded/gpuSeconds").asLong()).isEqualTo(3600);
        assertThat(refund.body().at("/allocation/refunded/gpuSeconds").asLong()).isEqualTo(3600);
        assertThat(refund.body().at("/allocation/balance/gpuSeconds").asLong()).isEqualTo(10 * 3600);
    }

    @Test
    void a_write_whose_projection_is_behind_the_bound_is_a_503_and_its_repeat_answers_once_it_is_projected() {
        Catalogue.grant(http, "ryw-slow", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "slo@a100");
        projectionDelay = Duration.ofSeconds(4);
        String supplement = """
                {"supplementId": "s-slow", "gpuHours": 7, "reason": "late"}""";

        long timedOutBefore = waits("timed-out").count();
        Answer behind = http.post("/api/v1/allocations/ryw-slow/supplements", supplement);

        assertThat(behind.status()).as(behind.text()).isEqualTo(503);
        assertThat(waits("timed-out").count()).as("the wait that ended in the 503, timed")
                .isEqualTo(timedOutBefore + 1);
        assertThat(behind.body().get("type").asText()).endsWith("/read-models-behind");
        assertThat(behind.body().get("detail").asText()).contains(AllocationBalanceProjection.PROCESSING_GROUP);
        Answer repeated = http.post("/api/v1/allocations/ryw-slow/supplements", supplement);
        assertThat(repeated.status()).as(repeated.text()).isEqualTo(200);
        assertThat(repeated.body().at("/supplemented/gpuSeconds").asLong()).isEqualTo(7 * 3600);
    }

    @Test
    void a_writes_wait_for_the_read_models_is_timed_in_the_applications_meters() {
        Catalogue.grant(http, "ryw-timed", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "tim@a100");
        Timer caughtUp = waits("caught-up");
        long countBefore = caughtUp.count();
        double secondsBefore = caughtUp.totalTime(TimeUnit.SECONDS);
        projectionDelay = Duration.ofMillis(400);

        Answer supplemented = http.post("/api/v1/allocations/ryw-timed/supplements", """
                {"supplementId": "s-timed", "gpuHours": 5, "reason": "timed"}""");

        assertThat(supplemented.status()).as(supplemented.text()).isEqualTo(200);
        assertThat(caughtUp.count()).isEqualTo(countBefore + 1);
        assertThat(caughtUp.totalTime(TimeUnit.SECONDS) - secondsBefore).as("the wait behind the slow projection")
                .isGreaterThanOrEqualTo(0.3);
        assertThat(http.get("/actuator/prometheus").text())
                .contains("ledger_read_your_writes_wait_seconds_count{outcome=\"caught-up\"}");
    }

    private Timer waits(String outcome) {
        return meters.get("ledger.read.your.writes.wait").tag("outcome", outcome).timer();
    }
}
