package eu.gpuledger.server.web;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An accountant looks at an allocation as it stood (asOf) and as the ledger knew it (knownAt). */
@LedgerIntegrationTest
class TimeTravelOverHttpTest extends OverHttp {

    @BeforeEach
    void catalogue() {
        Catalogue.idrisWithA100AndV100(http);
    }

    @Test
    void a_past_view_during_a_suspension_is_suspended_and_before_it_and_after_the_resumption_active() {
        Instant periodStart = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "travel-susp", "jz-a100", 100, periodStart.toString(),
                periodStart.plus(365, ChronoUnit.DAYS).toString(), "trs@a100");
        http.await("/api/v1/allocations/travel-susp", answer -> answer.status() == 200);
        Instant beforeSuspension = Instant.now();

        Catalogue.ok(http.post("/api/v1/allocations/travel-susp/suspension", """
                {"reason": "security incident"}"""));
        http.await("/api/v1/allocations/travel-susp", answer -> stateOf(answer).equals("SUSPENDED"));
        Instant duringSuspension = Instant.now();
        http.await(at("asOf", duringSuspension), answer -> stateOf(answer).equals("SUSPENDED"));

        Catalogue.ok(http.delete("/api/v1/allocations/travel-susp/suspension", """
                {"reason": "resolved"}"""));
        http.await("/api/v1/allocations/travel-susp", answer -> stateOf(answer).equals("ACTIVE"));
        Instant afterResumption = Instant.now();
        http.await(at("knownAt", afterResumption), answer -> stateOf(answer).equals("ACTIVE"));

        for (String bound : new String[]{"asOf", "knownAt"}) {
            assertThat(stateOf(http.get(at(bound, beforeSuspension)))).as(bound + " before").isEqualTo("ACTIVE");
            assertThat(stateOf(http.get(at(bound, duringSuspension)))).as(bound + " during").isEqualTo("SUSPENDED");
            assertThat(stateOf(http.get(at(bound, afterResumption)))).as(bound + " after").isEqualTo("ACTIVE");
        }
        assertThat(stateOf(http.get("/api/v1/allocations/travel-susp?asOf=" + duringSuspension + "&knownAt="
                + beforeSuspension))).as("during, as known before it was suspended").isEqualTo("ACTIVE");
    }

    @Test
    void a_view_as_of_before_the_period_starts_says_the_allocation_was_not_granted_yet() {
        Catalogue.grant(http, "travel-future", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "trf@a100");
        http.await("/api/v1/allocations/travel-future?asOf=2026-01-01T00:00:00Z", answer -> answer.status() == 200);

        Answer before = http.get("/api/v1/allocations/travel-future?asOf=2025-12-31T23:59:59Z");

        assertThat(before.status()).as(before.text()).isEqualTo(404);
        assertThat(before.body().get("type").asText()).endsWith("/not-granted-yet");
        assertThat(before.body().get("detail").asText())
                .contains("allocation travel-future was not granted yet at 2025-12-31T23:59:59Z")
                .contains("2026-01-01T00:00:00Z");
        Answer atStart = http.get("/api/v1/allocations/travel-future?asOf=2026-01-01T00:00:00Z");
        assertThat(atStart.status()).isEqualTo(200);
        assertThat(atStart.body().at("/granted/gpuSeconds").asLong()).isEqualTo(100 * 3600);
    }

    @Test
    void a_view_as_known_before_the_grant_was_recorded_says_the_allocation_was_not_granted_yet() {
        Catalogue.grant(http, "travel-known", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "trk@a100");
        http.await("/api/v1/allocations/travel-known?knownAt=" + Instant.now().plusSeconds(60),
                answer -> answer.status() == 200);

        Answer before = http.get("/api/v1/allocations/travel-known?knownAt=2000-01-01T00:00:00Z");

        assertThat(before.status()).as(before.text()).isEqualTo(404);
        assertThat(before.body().get("type").asText()).endsWith("/not-granted-yet");
        assertThat(before.body().get("detail").asText())
                .contains("allocation travel-known was not granted yet as known at 2000-01-01T00:00:00Z");
    }

    @Test
    void the_allocations_of_an_unknown_project_are_a_404_and_of_a_project_without_any_an_empty_list() {
        Answer unknown = http.get("/api/v1/projects/2026-NOBODY00001/allocations");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).contains("2026-NOBODY00001");

        Catalogue.ok(http.put("/api/v1/projects/2026-AD011099999", """
                {"title": "Not granted yet", "principalInvestigator": "A. Martin", "organisation": "CNRS",
                 "audience": "ACADEMIC", "sector": "physics", "accessMode": "AD"}"""));
        Answer none = http.get("/api/v1/projects/2026-AD011099999/allocations");
        assertThat(none.status()).as(none.text()).isEqualTo(200);
        assertThat(none.body()).isEmpty();
    }

    private static String at(String bound, Instant instant) {
        return "/api/v1/allocations/travel-susp?" + bound + "=" + instant;
    }

    private static String stateOf(Answer answer) {
        return answer.body().get("state").asText();
    }
}
