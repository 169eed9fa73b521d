package eu.gpuledger.server.web;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A centre warns an idle project (DOMAIN.md rule 6), and its script sends the warning again. */
@LedgerIntegrationTest
class UnderConsumptionWarningOverHttpTest extends OverHttp {

    @Test
    void the_same_warning_sent_twice_is_answered_again_and_another_reason_under_its_id_conflicts() {
        Catalogue.idrisWithA100AndV100(http);
        // a period that started 100 days ago, with nothing consumed: far behind the expected pace
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "idle-warned", "jz-v100", 1000, now.minus(100, ChronoUnit.DAYS).toString(),
                now.plus(265, ChronoUnit.DAYS).toString(), "idw@v100");
        String warning = """
                {"warningId": "w-2026-03", "reason": "behind the expected pace"}""";

        Answer first = http.post("/api/v1/allocations/idle-warned/warnings", warning);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        Answer again = http.post("/api/v1/allocations/idle-warned/warnings", warning);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.body().get("warningId").asText()).isEqualTo("w-2026-03");

        Answer other = http.post("/api/v1/allocations/idle-warned/warnings", """
                {"warningId": "w-2026-03", "reason": "another reason"}""");
        assertThat(other.status()).as(other.text()).isEqualTo(409);
        assertThat(other.body().get("type").asText()).endsWith("/idempotency-conflict");
        assertThat(other.body().get("detail").asText()).contains("warningId");

        long warnings = http.get("/api/v1/allocations/idle-warned/history").body().findValuesAsText("event")
                .stream().filter("UnderConsumptionWarned"::equals).count();
        assertThat(warnings).as("one warning in the history").isEqualTo(1);
    }
}
