package eu.gpuledger.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an accountant does with an allocation over HTTP, and what the API answers. */
@LedgerIntegrationTest
class AllocationsOverHttpTest extends OverHttp {

    @BeforeEach
    void catalogue() {
        Catalogue.idrisWithA100AndV100(http);
    }

    @Test
    void a_grant_replayed_with_the_same_content_answers_again_and_with_other_content_conflicts() {
        Catalogue.grant(http, "replayed", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "rep@a100");
        Catalogue.grant(http, "replayed", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "rep@a100");
        Answer conflict = http.post("/api/v1/allocations", """
                {"allocationId": "replayed", "projectId": "2026-A0191012641", "poolId": "jz-a100",
                 "fundingSource": "GENCI", "gpuHours": 200, "periodStart": "2026-01-01T00:00:00Z",
                 "periodEnd": "2027-01-01T00:00:00Z", "schedulerAccount": "rep@a100"}""");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("type").asText()).endsWith("/idempotency-conflict");
        assertThat(conflict.body().get("detail").asText()).contains("allocationId");
    }

    @Test
    void a_supplement_adds_hours_and_its_replay_adds_nothing() {
        Catalogue.grant(http, "supplemented", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "sup@a100");
        String supplement = """
                {"supplementId": "s-1", "gpuHours": 50, "reason": "demande au fil de l'eau"}""";
        assertThat(http.post("/api/v1/allocations/supplemented/supplements", supplement).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/allocations/supplemented/supplements", supplement).status()).isEqualTo(200);
        Answer other = http.post("/api/v1/allocations/supplemented/supplements", """
                {"supplementId": "s-1", "gpuHours": 60, "reason": "demande au fil de l'eau"}""");
        assertThat(other.status()).isEqualTo(409);

        Answer balance = http.await("/api/v1/allocations/supplemented",
                answer -> answer.body().at("/supplemented/gpuSeconds").asLong() == 50 * 3600);
        assertThat(balance.body().at("/supplemented/gpuSeconds").asLong()).isEqualTo(50 * 3600);
        assertThat(balance.body().at("/balance/gpuSeconds").asLong()).isEqualTo(150 * 3600);
        assertThat(balance.body().get("periodEnd").asText()).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void hours_that_are_not_whole_gpu_seconds_are_refused_naming_the_field() {
        Catalogue.grant(http, "precise", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "pre@a100");
        Answer answer = http.post("/api/v1/allocations/precise/supplements", """
                {"supplementId": "s-odd", "gpuHours": 0.0001, "reason": "too precise"}""");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("detail").asText()).contains("gpuHours");
    }

    @Test
    void a_clawback_without_an_earlier_warning_is_refused_by_the_rule() {
        Catalogue.grant(http, "idle", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "idle@a100");
        Answer answer = http.post("/api/v1/allocations/idle/clawbacks", """
                {"clawbackId": "c-1", "gpuHours": 10, "reason": "under-consumption"}""");
        assertThat(answer.status()).as(answer.text()).isEqualTo(422);
        assertThat(answer.body().get("type").asText()).endsWith("/clawback-without-warning");
    }

    @Test
    void a_suspended_allocation_shows_suspended_until_it_is_resumed() {
        Catalogue.grant(http, "paused", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "pau@a100");
        assertThat(http.post("/api/v1/allocations/paused/suspension", """
                {"reason": "security incident"}""").status()).isEqualTo(200);
        assertThat(http.await("/api/v1/allocations/paused", a -> a.body().get("state").asText().equals("SUSPENDED"))
                .body().get("state").asText()).isEqualTo("SUSPENDED");
        assertThat(http.delete("/api/v1/allocations/paused/suspension", """
                {"reason": "resolved"}""").status()).isEqualTo(200);
        assertThat(http.await("/api/v1/allocations/paused", a -> a.body().get("state").asText().equals("ACTIVE"))
                .body().get("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void the_history_shows_every_event_with_who_from_where_and_why() {
        Catalogue.grant(http, "audited", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "aud@a100");
        http.post("/api/v1/allocations/audited/supplements", """
                {"supplementId": "s-audit", "gpuHours": 5, "reason": "committee decision 2026-03"}""");
        Answer history = http.get("/api/v1/allocations/audited/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).as(history.text()).hasSize(2);
        JsonNode supplement = history.body().get(1);
        assertThat(supplement.get("event").asText()).isEqualTo("AllocationSupplemented");
        assertThat(supplement.at("/metadata/principal").asText()).as("the test run's administrator token")
                .isEqualTo("token:" + eu.gpuledger.server.support.TestTokens.ADMIN_ID);
        assertThat(supplement.at("/metadata/source").asText()).isEqualTo("HTTP");
        assertThat(supplement.at("/metadata/sourceDetail").asText()).isEqualTo("POST /api/v1/allocations/audited/supplements");
        assertThat(supplement.at("/metadata/reason").asText()).isEqualTo("committee decision 2026-03");
        assertThat(supplement.at("/metadata/correlationId").asText()).isNotBlank();
        assertThat(supplement.at("/payload/gpuSeconds").asLong()).as(history.text()).isEqualTo(5 * 3600);
    }

    @Test
    void an_unknown_allocation_is_a_404_problem() {
        Answer answer = http.get("/api/v1/allocations/nobody-knows");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).contains("nobody-knows");
        assertThat(http.post("/api/v1/allocations/nobody-knows/supplements", """
                {"supplementId": "s", "gpuHours": 1, "reason": "r"}""").status()).isEqualTo(404);
    }

    @Test
    void an_id_already_taken_by_another_kind_of_record_is_a_conflict_and_stores_nothing() {
        Catalogue.grant(http, "taken-id", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "tak@a100");
        Answer provider = http.put("/api/v1/providers/taken-id", """
                {"name": "A provider named like an allocation", "kind": "PUBLIC", "euroHpcHosted": false}""");
        assertThat(provider.status()).as(provider.text()).isEqualTo(409);
        assertThat(provider.body().get("type").asText()).endsWith("/identifier-taken");
        Answer allocation = http.get("/api/v1/allocations/taken-id");
        assertThat(allocation.body().at("/granted/gpuSeconds").asLong()).isEqualTo(100 * 3600);
    }
}
