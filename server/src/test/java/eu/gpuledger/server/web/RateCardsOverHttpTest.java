package eu.gpuledger.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate cards over HTTP (issue 14): the national coordinator adds a funder's rate on a pool from an instant on; a
 * version is added, never edited; each funder reads its own rates, each centre the rates of its pools. The rates are
 * on Jean Zay's pools from 2045, which no other test prices.
 */
@LedgerIntegrationTest
class RateCardsOverHttpTest extends OverHttp {

    private static final String FROM_2045 = "2045-01-01T00:00:00Z";

    @BeforeEach
    void jeanZay() {
        Catalogue.idrisWithA100AndV100(http);
    }

    private static String rate(String rateId, String funder, String pool, String from, String amount) {
        return """
                {"rateId": "%s", "funder": "%s", "poolId": "%s", "effectiveFrom": "%s", %s}"""
                .formatted(rateId, funder, pool, from, amount);
    }

    @Test
    void a_rate_added_is_answered_and_listed_by_the_next_read() {
        Answer added = http.post("/api/v1/rates", rate("rc-ju-a100-2045", "EUROHPC_JU", "jz-a100", FROM_2045,
                "\"eurPerGpuHour\": \"1.20\""));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.body().get("rateId").asText()).isEqualTo("rc-ju-a100-2045");
        assertThat(added.body().get("funder").asText()).isEqualTo("EUROHPC_JU");
        assertThat(added.body().get("effectiveFrom").asText()).isEqualTo(FROM_2045);
        assertThat(added.body().get("eurPerGpuHour").asText()).as("money as exact text").isEqualTo("1.2");
        assertThat(added.body().has("eurPerNormalisedGpuHour")).isFalse();

        List<JsonNode> listed = items(http.get("/api/v1/rates?funder=EUROHPC_JU&poolId=jz-a100"));
        assertThat(listed).extracting(item -> item.get("rateId").asText()).contains("rc-ju-a100-2045");
    }

    @Test
    void a_rate_per_normalised_gpu_hour_is_shown_under_that_name() {
        Answer added = http.post("/api/v1/rates", rate("rc-genci-v100-2045", "GENCI", "jz-v100", FROM_2045,
                "\"eurPerNormalisedGpuHour\": 0.45"));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.body().get("eurPerNormalisedGpuHour").asText()).isEqualTo("0.45");
        assertThat(added.body().has("eurPerGpuHour")).isFalse();
    }

    @Test
    void the_same_rate_sent_again_answers_the_first_and_stores_nothing() {
        String body = rate("rc-ju-v100-2045", "EUROHPC_JU", "jz-v100", FROM_2045, "\"eurPerGpuHour\": \"0.80\"");
        Catalogue.ok(http.post("/api/v1/rates", body));
        long head = eventStoreHead();

        Answer again = http.post("/api/v1/rates", body.replace("\"0.80\"", "\"0.8\""));

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.body().get("eurPerGpuHour").asText()).isEqualTo("0.8");
        assertThat(eventStoreHead()).isEqualTo(head);
    }

    @Test
    void the_same_rate_id_with_another_amount_is_a_conflict_and_the_first_stays() {
        Catalogue.ok(http.post("/api/v1/rates", rate("rc-private-a100-2045", "PRIVATE_CONTRACT", "jz-a100", FROM_2045,
                "\"eurPerGpuHour\": \"2.00\"")));
        long head = eventStoreHead();

        Answer edited = http.post("/api/v1/rates", rate("rc-private-a100-2045", "PRIVATE_CONTRACT", "jz-a100",
                FROM_2045, "\"eurPerGpuHour\": \"2.10\""));

        ProblemAssert.isProblem(edited, 409, "idempotency-conflict", "rateId", "rc-private-a100-2045");
        assertThat(eventStoreHead()).isEqualTo(head);
        assertThat(items(http.get("/api/v1/rates?funder=PRIVATE_CONTRACT&poolId=jz-a100")))
                .filteredOn(item -> item.get("rateId").asText().equals("rc-private-a100-2045"))
                .extracting(item -> item.get("eurPerGpuHour").asText()).containsExactly("2");
    }

    @Test
    void another_rate_id_at_the_same_funder_pool_and_instant_is_refused_as_an_edit() {
        Catalogue.ok(http.post("/api/v1/rates", rate("rc-genci-a100-2046", "GENCI", "jz-a100",
                "2046-01-01T00:00:00Z", "\"eurPerGpuHour\": \"0.90\"")));
        long head = eventStoreHead();

        Answer edit = http.post("/api/v1/rates", rate("rc-genci-a100-2046-fix", "GENCI", "jz-a100",
                "2046-01-01T00:00:00Z", "\"eurPerGpuHour\": \"0.95\""));

        ProblemAssert.isProblem(edit, 409, "rate-version-taken", "rc-genci-a100-2046", "GENCI", "jz-a100");
        assertThat(eventStoreHead()).isEqualTo(head);
        Catalogue.ok(http.post("/api/v1/rates", rate("rc-genci-a100-2046-fix", "GENCI", "jz-a100",
                "2046-02-01T00:00:00Z", "\"eurPerGpuHour\": \"0.95\"")));
    }

    @Test
    void a_rate_names_one_amount_a_known_pool_and_a_bounded_rate() {
        ProblemAssert.isProblem(http.post("/api/v1/rates", rate("rc-both", "GENCI", "jz-a100", FROM_2045,
                "\"eurPerGpuHour\": 1, \"eurPerNormalisedGpuHour\": 1")), 400, "invalid-input",
                "eurPerNormalisedGpuHour");
        ProblemAssert.isProblem(http.post("/api/v1/rates", """
                {"rateId": "rc-none", "funder": "GENCI", "poolId": "jz-a100", "effectiveFrom": "%s"}"""
                .formatted(FROM_2045)), 400, "invalid-input", "eurPerGpuHour");
        ProblemAssert.isProblem(http.post("/api/v1/rates", rate("rc-negative", "GENCI", "jz-a100", FROM_2045,
                "\"eurPerGpuHour\": -1")), 400, "invalid-input", "eurPerGpuHour");
        ProblemAssert.isProblem(http.post("/api/v1/rates", rate("rc-huge", "GENCI", "jz-a100", FROM_2045,
                "\"eurPerGpuHour\": 1000000")), 400, "invalid-input", "eurPerGpuHour");
        ProblemAssert.isProblem(http.post("/api/v1/rates", rate("rc-who", "THE_BANK", "jz-a100", FROM_2045,
                "\"eurPerGpuHour\": 1")), 400, "invalid-input", "funder");
        ProblemAssert.isProblem(http.post("/api/v1/rates", rate("rc-ghost", "GENCI", "no-such-pool", FROM_2045,
                "\"eurPerGpuHour\": 1")), 404, "unknown-reference", "poolId");
        ProblemAssert.isProblem(http.post("/api/v1/rates", rate("rc-extra", "GENCI", "jz-a100", FROM_2045,
                "\"eurPerGpuHour\": 1, \"discount\": 5")), 400, "unknown-field", "discount");
    }

    @Test
    void a_funder_reads_its_own_rates_and_a_centre_the_rates_of_its_pools() {
        Catalogue.ok(http.post("/api/v1/rates", rate("rc-scope-ju", "EUROHPC_JU", "jz-v100", "2047-01-01T00:00:00Z",
                "\"eurPerGpuHour\": 1")));
        Catalogue.ok(http.post("/api/v1/rates", rate("rc-scope-genci", "GENCI", "jz-v100", "2047-01-01T00:00:00Z",
                "\"eurPerGpuHour\": 1")));
        LedgerHttp genci = http.as(token("rc-genci", "FUNDER", "\"GENCI\""));
        LedgerHttp idris = http.as(token("rc-idris", "CENTRE_ACCOUNTANT", "\"idris\""));
        LedgerHttp cines = http.as(token("rc-cines", "CENTRE_ACCOUNTANT", "\"cines\""));

        assertThat(allRateIds(genci)).contains("rc-scope-genci").doesNotContain("rc-scope-ju")
                .allSatisfy(id -> assertThat(funderOf(genci, id)).isEqualTo("GENCI"));
        assertThat(allRateIds(genci.get("/api/v1/rates?funder=EUROHPC_JU"))).as("filtered, not refused").isEmpty();
        assertThat(allRateIds(idris)).contains("rc-scope-genci", "rc-scope-ju");
        assertThat(allRateIds(cines)).doesNotContain("rc-scope-genci", "rc-scope-ju");
        long head = eventStoreHead();
        Answer selfPriced = genci.post("/api/v1/rates", rate("rc-self-priced", "GENCI", "jz-v100",
                "2047-02-01T00:00:00Z", "\"eurPerGpuHour\": 0"));
        assertThat(selfPriced.status()).as("a funder does not set its own rates").isEqualTo(403);
        assertThat(selfPriced.contentType()).startsWith("application/problem+json");
        assertThat(eventStoreHead()).isEqualTo(head);
    }

    @Test
    void the_list_comes_a_bounded_page_at_a_time_with_a_cursor_absent_at_the_end() {
        for (int month = 1; month <= 3; month++) {
            Catalogue.ok(http.post("/api/v1/rates", rate("rc-page-" + month, "EUROHPC_JU", "jz-v100",
                    "2048-0" + month + "-01T00:00:00Z", "\"eurPerGpuHour\": 1")));
        }
        List<String> seen = new ArrayList<>();
        String path = "/api/v1/rates?poolId=jz-v100&funder=EUROHPC_JU&limit=2";
        Answer page = http.get(path);
        for (int pages = 0; pages < 100; pages++) {
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().get("items").size()).isLessThanOrEqualTo(2);
            page.body().get("items").forEach(item -> seen.add(item.get("rateId").asText()));
            if (!page.body().has("next")) {
                break;
            }
            page = http.get(path + "&after=" + page.body().get("next").asText());
        }
        assertThat(seen).contains("rc-page-1", "rc-page-2", "rc-page-3").doesNotHaveDuplicates().isSorted();
        ProblemAssert.isProblem(http.get("/api/v1/rates?limit=0"), 400, "invalid-input", "limit");
        ProblemAssert.isProblem(http.get("/api/v1/rates?limit=1001"), 400, "invalid-input", "limit");
    }

    private static List<JsonNode> items(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        answer.body().get("items").forEach(items::add);
        return items;
    }

    private static List<String> allRateIds(LedgerHttp client) {
        return allRateIds(client.get("/api/v1/rates?limit=1000"));
    }

    private static List<String> allRateIds(Answer answer) {
        return items(answer).stream().map(item -> item.get("rateId").asText()).toList();
    }

    private static String funderOf(LedgerHttp client, String rateId) {
        return items(client.get("/api/v1/rates?limit=1000")).stream()
                .filter(item -> item.get("rateId").asText().equals(rateId))
                .map(item -> item.get("funder").asText()).findFirst().orElseThrow();
    }

    private String token(String name, String role, String scope) {
        Answer created = http.post("/api/v1/admin/tokens", """
                {"name": "%s", "role": "%s", "scope": [%s], "expiresAt": "%s"}"""
                .formatted(name, role, scope, Instant.now().plus(1, ChronoUnit.DAYS)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("token").asText();
    }
}
