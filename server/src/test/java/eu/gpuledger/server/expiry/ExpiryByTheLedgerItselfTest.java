package eu.gpuledger.server.expiry;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DOMAIN.md rule 7, done by the ledger on time by itself: nobody sends an expiry; the scheduler finds periods that
 * ended (in the database, so a restart loses nothing) and lets the unused hours lapse.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.expiry.every=PT0.5S", "ledger.expiry.initial-delay=PT0.5S", "ledger.expiry.grace=P3D"})
class ExpiryByTheLedgerItselfTest extends OverHttp {

    @Test
    void unused_hours_lapse_once_the_period_and_its_grace_have_ended() {
        Catalogue.idrisWithA100AndV100(http);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // its grace ends a few seconds from now: time enough to charge a job before the scheduler lets it lapse
        Instant endingGraceSoon = now.minus(3, ChronoUnit.DAYS).plusSeconds(6);
        Catalogue.grant(http, "ended-long-ago", "jz-a100", 100, now.minus(400, ChronoUnit.DAYS).toString(),
                endingGraceSoon.toString(), "old@a100");
        Catalogue.grant(http, "ended-yesterday", "jz-a100", 100, now.minus(366, ChronoUnit.DAYS).toString(),
                now.minus(1, ChronoUnit.DAYS).toString(), "recent@a100");
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:1", "cluster": "jean-zay", "jobId": "1", "account": "old@a100",
                  "partition": "gpu_p5", "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": 36000}]"""
                .formatted(now.minus(10, ChronoUnit.DAYS))));

        assertThat(http.await("/api/v1/allocations/ended-long-ago",
                answer -> answer.body().at("/consumed/gpuSeconds").asLong() == 36000).body().get("state").asText())
                .isEqualTo("ACTIVE");
        Answer expired = http.await("/api/v1/allocations/ended-long-ago",
                answer -> answer.body().get("state").asText().equals("EXPIRED"));
        assertThat(expired.body().get("state").asText()).isEqualTo("EXPIRED");
        assertThat(expired.body().at("/expired/gpuSeconds").asLong()).isEqualTo(90 * 3600);
        assertThat(expired.body().at("/balance/gpuSeconds").asLong()).isZero();

        Answer inGrace = http.get("/api/v1/allocations/ended-yesterday");
        assertThat(inGrace.body().get("state").asText())
                .as("late accounting still lands during the grace period").isEqualTo("ACTIVE");
    }
}
