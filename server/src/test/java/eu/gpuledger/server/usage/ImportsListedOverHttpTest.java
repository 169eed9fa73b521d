package eu.gpuledger.server.usage;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static eu.gpuledger.server.support.Catalogue.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/usage/imports: every import of usage is listed with what its answer said, who sent it and when, the
 * newest first, by provider, within the caller's scope; GET /api/v1/projections: each read model's position against
 * the event store's head. (The console's token sign-in property only shares the browser tests' application.)
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.console.token-sign-in=true")
class ImportsListedOverHttpTest extends OverHttp {

    /** Jobs end yesterday, inside an allocation period around today (sacct prints the cluster's local time). */
    static final String YESTERDAY = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
    static final String PERIOD_START = Instant.now().minus(60, java.time.temporal.ChronoUnit.DAYS)
            .truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();
    static final String PERIOD_END = Instant.now().plus(60, java.time.temporal.ChronoUnit.DAYS)
            .truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();

    private static final String HEADER = "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n";

    static String job(String jobId, String account, String elapsed) {
        return String.join("|", jobId, jobId, account, "amartin", "gpu_p5",
                "billing=8,cpu=8,gres/gpu:a100=2,gres/gpu=2,mem=4000M,node=1", elapsed,
                YESTERDAY + "T09:00:00", YESTERDAY + "T10:00:00", "COMPLETED") + "\n";
    }

    @Test
    void an_import_is_listed_with_its_answer_its_sender_and_its_provider_the_newest_first() {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "il-grant", "jz-a100", 1000, PERIOD_START, PERIOD_END,
                "il@a100");
        Instant before = Instant.now().minusSeconds(1);
        JsonNode first = ok(http.post("/api/v1/usage/sacct?cluster=jean-zay",
                HEADER + job("61001", "il@a100", "3600") + job("61002", "il@a100", "not-a-number"), "text/plain")).body();
        assertThat(first.get("accepted").asLong()).as(first.toString()).isEqualTo(1);
        ok(http.post("/api/v1/usage/sacct?cluster=jean-zay", HEADER + job("61001", "il@a100", "3600"), "text/plain"));

        JsonNode page = ok(http.get("/api/v1/usage/imports?providerId=idris&since=" + before + "&limit=1")).body();
        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("kind").asText()).isEqualTo("SACCT");
        assertThat(newest.get("duplicates").asLong()).as("the second sent the same job again").isEqualTo(1);
        assertThat(newest.get("accepted").asLong()).isZero();
        assertThat(page.get("next").asText()).isNotBlank();

        JsonNode older = ok(http.get("/api/v1/usage/imports?providerId=idris&since=" + before + "&after="
                + page.get("next").asText())).body().get("items");
        assertThat(older).hasSize(1);
        JsonNode sent = older.get(0);
        assertThat(sent.get("cluster").asText()).isEqualTo("jean-zay");
        assertThat(sent.get("providerId").asText()).isEqualTo("idris");
        assertThat(sent.get("principal").asText()).isEqualTo("token:test-admin");
        assertThat(sent.get("accepted").asLong()).isEqualTo(1);
        assertThat(sent.get("rejected").asLong()).isEqualTo(1);
        assertThat(sent.get("chargedGpuSeconds").asLong()).isEqualTo(2 * 3600);
        assertThat(Instant.parse(sent.get("finishedAt").asText())).isAfter(before);

        assertThat(ok(http.get("/api/v1/usage/imports?providerId=idris&since="
                + Instant.now().plus(1, ChronoUnit.MINUTES))).body().get("items")).as("none since then").isEmpty();
        assertThat(http.get("/api/v1/usage/imports?since=yesterday").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/usage/imports?after=x").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/usage/imports?limit=100000").status()).isEqualTo(400);
    }

    @Test
    void a_centre_accountant_lists_the_imports_of_its_providers_and_its_own_not_another_centres() {
        Catalogue.idrisWithA100AndV100(http);
        ok(http.put("/api/v1/providers/il-other", """
                {"name": "Another centre", "kind": "PUBLIC", "euroHpcHosted": false}"""));
        ok(http.post("/api/v1/usage/sacct?cluster=jean-zay", HEADER + job("61003", "il-nobody@a100", "60"),
                "text/plain"));
        LedgerHttp idris = http.as(token("CENTRE_ACCOUNTANT", "\"idris\""));
        LedgerHttp other = http.as(token("CENTRE_ACCOUNTANT", "\"il-other\""));

        assertThat(clusters(ok(idris.get("/api/v1/usage/imports?providerId=idris")).body())).contains("jean-zay");
        assertThat(other.get("/api/v1/usage/imports?providerId=idris").status()).isEqualTo(403);
        assertThat(clusters(ok(other.get("/api/v1/usage/imports")).body())).doesNotContain("jean-zay");

        ok(other.post("/api/v1/usage/billed", "recordId,providerId,account,pool,user,gpus,start,end,billedMinutes\n",
                "text/csv"));
        JsonNode own = ok(other.get("/api/v1/usage/imports")).body().get("items");
        assertThat(own).as("its own billed CSV, which names no one provider").hasSize(1);
        assertThat(own.get(0).get("kind").asText()).isEqualTo("BILLED");
    }

    @Test
    void a_billed_usage_csv_of_one_provider_is_listed_under_that_provider() {
        ok(http.put("/api/v1/providers/il-cloud", """
                {"name": "Sovereign cloud", "kind": "PRIVATE", "euroHpcHosted": false}"""));
        ok(http.put("/api/v1/clusters/il-paris", """
                {"providerId": "il-cloud", "timeZone": "UTC"}"""));
        ok(http.put("/api/v1/pools/il-h100", """
                {"providerId": "il-cloud", "cluster": "il-paris", "partition": "h100", "gpuModel": "H100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        ok(http.post("/api/v1/usage/billed", "recordId,providerId,cluster,account,pool,user,jobId,gpus,start,end,"
                + "billedMinutes\nil-rec-1,il-cloud,il-paris,il-acme@cloud,il-h100,alice,vm-1,8," + YESTERDAY
                + "T07:00:00Z," + YESTERDAY + "T09:30:00Z,150\n", "text/csv"));

        JsonNode listed = ok(http.get("/api/v1/usage/imports?providerId=il-cloud")).body().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("kind").asText()).isEqualTo("BILLED");
        assertThat(listed.get(0).get("rejected").asLong()).as("kept: no allocation for the account yet").isEqualTo(1);
    }

    @Test
    void the_read_models_lag_is_read_by_centre_accountants_each_at_or_behind_the_head() {
        Catalogue.idrisWithA100AndV100(http);
        LedgerHttp accountant = http.as(token("CENTRE_ACCOUNTANT", "\"idris\""));
        JsonNode items = ok(accountant.get("/api/v1/projections")).body().get("items");
        List<String> names = new ArrayList<>();
        items.forEach(projection -> {
            names.add(projection.get("name").asText());
            assertThat(projection.get("status").asText()).isEqualTo("UP");
            assertThat(projection.get("eventsBehind").asLong()).isGreaterThanOrEqualTo(0);
            if (projection.has("position")) {
                assertThat(projection.get("position").asLong()).isLessThanOrEqualTo(projection.get("head").asLong());
            }
        });
        assertThat(names).contains("balances", "journal");
        assertThat(http.as(token("FUNDER", "\"GENCI\"")).get("/api/v1/projections").status()).isEqualTo(403);
    }

    private static List<String> clusters(JsonNode page) {
        List<String> clusters = new ArrayList<>();
        page.get("items").forEach(item -> clusters.add(item.path("cluster").asText("")));
        return clusters;
    }

    private String token(String role, String scope) {
        LedgerHttp.Answer created = http.post("/api/v1/admin/tokens", """
                {"name": "imports-listed", "role": "%s", "scope": [%s], "expiresAt": "%s"}"""
                .formatted(role, scope, Instant.now().plus(1, ChronoUnit.DAYS)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("token").asText();
    }
}
