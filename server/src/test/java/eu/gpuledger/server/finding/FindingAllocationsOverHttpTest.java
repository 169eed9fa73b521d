package eu.gpuledger.server.finding;

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

import static eu.gpuledger.server.support.Catalogue.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /allocations: an accountant finds allocations by what they know of them, a page at a time. */
@LedgerIntegrationTest
class FindingAllocationsOverHttpTest extends OverHttp {

    static final String PROJECT_CINES = "2026-A0220000002";

    @BeforeEach
    void twoCentres() {
        Catalogue.idrisWithA100AndV100(http);
        ok(http.put("/api/v1/providers/cines", """
                {"name": "CINES", "kind": "PUBLIC", "euroHpcHosted": true}"""));
        ok(http.put("/api/v1/clusters/adastra", """
                {"providerId": "cines", "timeZone": "Europe/Paris"}"""));
        ok(http.put("/api/v1/pools/ad-mi250", """
                {"providerId": "cines", "cluster": "adastra", "partition": "mi250", "gpuModel": "MI250X",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        ok(http.put("/api/v1/projects/" + PROJECT_CINES, """
                {"title": "Protein folding", "principalInvestigator": "A. Martin", "organisation": "CNRS",
                 "audience": "ACADEMIC", "sector": "biology", "accessMode": "AR"}"""));
        Catalogue.grant(http, "f-2025-a100", "jz-a100", 100, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z",
                "old@a100");
        Catalogue.grant(http, "f-2026-a100", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "nxk@a100");
        Catalogue.grant(http, "f-2026-v100", "jz-v100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "nxk@v100");
        Catalogue.grant(http, "f-2026-h1", "jz-v100", 100, "2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z",
                "h1@v100");
        ok(http.post("/api/v1/allocations", """
                {"allocationId": "f-cines-ju", "projectId": "%s", "poolId": "ad-mi250", "fundingSource": "EUROHPC_JU",
                 "gpuHours": 100, "periodStart": "2026-03-01T00:00:00Z", "periodEnd": "2027-03-01T00:00:00Z",
                 "schedulerAccount": "ju@mi250"}""".formatted(PROJECT_CINES)));
        ok(http.post("/api/v1/allocations/f-2026-v100/suspension", """
                {"reason": "security incident"}"""));
    }

    @Test
    void each_filter_keeps_the_allocations_it_names_and_they_hold_together() {
        assertThat(ids("/api/v1/allocations")).containsExactly("f-2025-a100", "f-2026-a100", "f-2026-h1",
                "f-2026-v100", "f-cines-ju");
        assertThat(ids("/api/v1/allocations?projectId=" + PROJECT_CINES)).containsExactly("f-cines-ju");
        assertThat(ids("/api/v1/allocations?poolId=jz-a100")).containsExactly("f-2025-a100", "f-2026-a100");
        assertThat(ids("/api/v1/allocations?providerId=idris")).containsExactly("f-2025-a100", "f-2026-a100",
                "f-2026-h1", "f-2026-v100");
        assertThat(ids("/api/v1/allocations?providerId=cines")).containsExactly("f-cines-ju");
        assertThat(ids("/api/v1/allocations?schedulerAccount=nxk@a100")).containsExactly("f-2026-a100");
        assertThat(ids("/api/v1/allocations?state=SUSPENDED")).containsExactly("f-2026-v100");
        assertThat(ids("/api/v1/allocations?state=ACTIVE&providerId=idris")).containsExactly("f-2025-a100",
                "f-2026-a100", "f-2026-h1");
        assertThat(ids("/api/v1/allocations?fundingSource=EUROHPC_JU")).containsExactly("f-cines-ju");
        assertThat(ids("/api/v1/allocations?fundingSource=GENCI&poolId=jz-v100&state=ACTIVE"))
                .containsExactly("f-2026-h1");
    }

    @Test
    void the_period_keeps_the_allocations_whose_period_overlaps_it_half_open() {
        // [2026-07-01, 2026-08-01): the first half-year ended at its start, the 2025 grant long before
        assertThat(ids("/api/v1/allocations?from=2026-07-01T00:00:00Z&to=2026-08-01T00:00:00Z"))
                .containsExactly("f-2026-a100", "f-2026-v100", "f-cines-ju");
        // [.., 2026-03-01): the CINES grant starts at its end, so it is not in it
        assertThat(ids("/api/v1/allocations?to=2026-03-01T00:00:00Z")).containsExactly("f-2025-a100",
                "f-2026-a100", "f-2026-h1", "f-2026-v100");
        assertThat(ids("/api/v1/allocations?from=2025-12-31T23:59:59Z&to=2026-01-01T00:00:00Z"))
                .containsExactly("f-2025-a100");
    }

    @Test
    void pages_follow_the_cursor_to_the_end_where_next_is_absent() {
        List<String> seen = new ArrayList<>();
        String path = "/api/v1/allocations?providerId=idris&limit=3";
        Answer first = ok(http.get(path));
        first.body().get("items").forEach(item -> seen.add(item.get("allocationId").asText()));
        assertThat(first.body().get("items")).hasSize(3);
        assertThat(first.body().get("next").asText()).isEqualTo("f-2026-h1");
        Answer last = ok(http.get(path + "&after=" + first.body().get("next").asText()));
        last.body().get("items").forEach(item -> seen.add(item.get("allocationId").asText()));
        assertThat(last.body().has("next")).as(last.text()).isFalse();
        assertThat(seen).containsExactly("f-2025-a100", "f-2026-a100", "f-2026-h1", "f-2026-v100");

        Answer exact = ok(http.get("/api/v1/allocations?providerId=idris&limit=4"));
        assertThat(exact.body().get("items")).hasSize(4);
        assertThat(exact.body().has("next")).as("a page that happens to end the list has no next").isFalse();
    }

    @Test
    void each_item_is_the_allocation_as_its_own_page_shows_it() {
        JsonNode item = ok(http.get("/api/v1/allocations?schedulerAccount=nxk@v100")).body().get("items").get(0);
        JsonNode one = ok(http.get("/api/v1/allocations/f-2026-v100")).body();
        assertThat(item).isEqualTo(one);
        assertThat(item.get("state").asText()).isEqualTo("SUSPENDED");
    }

    @Test
    void a_centre_accountant_finds_only_the_allocations_of_its_providers() {
        LedgerHttp cines = http.as(token("accountant-cines", "CENTRE_ACCOUNTANT", "\"cines\""));
        assertThat(ids(cines, "/api/v1/allocations")).containsExactly("f-cines-ju");
        assertThat(ids(cines, "/api/v1/allocations?providerId=idris")).isEmpty();
        LedgerHttp pi = http.as(token("pi-idris", "PI", "\"2026-A0191012641\""));
        assertThat(ids(pi, "/api/v1/allocations")).containsExactly("f-2025-a100", "f-2026-a100", "f-2026-h1",
                "f-2026-v100");
    }

    @Test
    void bad_filters_are_refused_naming_the_field() {
        assertRefused("/api/v1/allocations?state=RUNNING", "state");
        assertRefused("/api/v1/allocations?fundingSource=ANR", "fundingSource");
        assertRefused("/api/v1/allocations?limit=0", "limit");
        assertRefused("/api/v1/allocations?limit=501", "limit");
        assertRefused("/api/v1/allocations?from=yesterday", "from");
        assertRefused("/api/v1/allocations?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to");
        assertRefused("/api/v1/allocations?after=" + "x".repeat(300), "after");
    }

    private void assertRefused(String path, String field) {
        Answer answer = http.get(path);
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).contains(field);
    }

    private List<String> ids(String path) {
        return ids(http, path);
    }

    private static List<String> ids(LedgerHttp client, String path) {
        Answer answer = ok(client.get(path));
        List<String> ids = new ArrayList<>();
        answer.body().get("items").forEach(item -> ids.add(item.get("allocationId").asText()));
        return ids;
    }

    private String token(String name, String role, String scope) {
        Answer created = http.post("/api/v1/admin/tokens", """
                {"name": "%s", "role": "%s", "scope": [%s], "expiresAt": "%s"}"""
                .formatted(name, role, scope, Instant.now().plus(1, ChronoUnit.DAYS)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("token").asText();
    }
}
