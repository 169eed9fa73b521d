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

    // ids of this test's own: the test database is shared by every test of the same application context; periods
    // in the future, so that the ledger's own expiry never appends to them while other tests count events
    static final String PROJECT_A = "2031-FND0000001";
    static final String PROJECT_B = "2031-FND0000002";

    /** An accountant of both providers of this test: what it finds is exactly what this test granted. */
    private LedgerHttp both;

    @BeforeEach
    void twoCentres() {
        provider("fnd-north", "fnd-north-cluster", "fnd-n-a100", "fnd-n-v100");
        provider("fnd-south", "fnd-south-cluster", "fnd-s-mi250", "fnd-s-h100");
        project(PROJECT_A, "Fluid dynamics");
        project(PROJECT_B, "Protein folding");
        grant("f-2030-a100", PROJECT_A, "fnd-n-a100", "GENCI", "2030-01-01", "2031-01-01", "old@a100");
        grant("f-2031-a100", PROJECT_A, "fnd-n-a100", "GENCI", "2031-01-01", "2032-01-01", "nxk@a100");
        grant("f-2031-v100", PROJECT_A, "fnd-n-v100", "GENCI", "2031-01-01", "2032-01-01", "nxk@v100");
        grant("f-2031-h1", PROJECT_A, "fnd-n-v100", "GENCI", "2031-01-01", "2031-07-01", "h1@v100");
        grant("f-south-ju", PROJECT_B, "fnd-s-mi250", "EUROHPC_JU", "2031-03-01", "2032-03-01", "ju@mi250");
        ok(http.post("/api/v1/allocations/f-2031-v100/suspension", """
                {"reason": "security incident"}"""));
        both = http.as(token("accountant-fnd", "CENTRE_ACCOUNTANT", "\"fnd-north\", \"fnd-south\""));
    }

    private void provider(String provider, String cluster, String pool, String otherPool) {
        ok(http.put("/api/v1/providers/" + provider, """
                {"name": "%s", "kind": "PUBLIC", "euroHpcHosted": false}""".formatted(provider)));
        ok(http.put("/api/v1/clusters/" + cluster, """
                {"providerId": "%s", "timeZone": "Europe/Paris"}""".formatted(provider)));
        for (String poolId : new String[] {pool, otherPool}) {
            ok(http.put("/api/v1/pools/" + poolId, """
                    {"providerId": "%s", "cluster": "%s", "partition": "%s", "gpuModel": "A100",
                     "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}""".formatted(provider, cluster, poolId)));
        }
    }

    private void project(String projectId, String title) {
        ok(http.put("/api/v1/projects/" + projectId, """
                {"title": "%s", "principalInvestigator": "A. Martin", "organisation": "CNRS",
                 "audience": "ACADEMIC", "sector": "science", "accessMode": "AR"}""".formatted(title)));
    }

    private void grant(String allocationId, String projectId, String poolId, String fundingSource, String start,
                       String end, String account) {
        ok(http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "%s", "poolId": "%s", "fundingSource": "%s",
                 "gpuHours": 100, "periodStart": "%sT00:00:00Z", "periodEnd": "%sT00:00:00Z",
                 "schedulerAccount": "%s"}""".formatted(allocationId, projectId, poolId, fundingSource, start, end,
                account)));
    }

    @Test
    void each_filter_keeps_the_allocations_it_names_and_they_hold_together() {
        assertThat(ids("/api/v1/allocations")).containsExactly("f-2030-a100", "f-2031-a100", "f-2031-h1",
                "f-2031-v100", "f-south-ju");
        assertThat(ids("/api/v1/allocations?projectId=" + PROJECT_B)).containsExactly("f-south-ju");
        assertThat(ids("/api/v1/allocations?poolId=fnd-n-a100")).containsExactly("f-2030-a100", "f-2031-a100");
        assertThat(ids("/api/v1/allocations?providerId=fnd-north")).containsExactly("f-2030-a100", "f-2031-a100",
                "f-2031-h1", "f-2031-v100");
        assertThat(ids("/api/v1/allocations?providerId=fnd-south")).containsExactly("f-south-ju");
        assertThat(ids("/api/v1/allocations?schedulerAccount=nxk@a100")).containsExactly("f-2031-a100");
        assertThat(ids("/api/v1/allocations?state=SUSPENDED")).containsExactly("f-2031-v100");
        assertThat(ids("/api/v1/allocations?state=ACTIVE&providerId=fnd-north")).containsExactly("f-2030-a100",
                "f-2031-a100", "f-2031-h1");
        assertThat(ids("/api/v1/allocations?fundingSource=EUROHPC_JU")).containsExactly("f-south-ju");
        assertThat(ids("/api/v1/allocations?fundingSource=GENCI&poolId=fnd-n-v100&state=ACTIVE"))
                .containsExactly("f-2031-h1");
    }

    @Test
    void the_period_keeps_the_allocations_whose_period_overlaps_it_half_open() {
        // [2031-07-01, 2031-08-01): the first half-year ended at its start, the 2025 grant long before
        assertThat(ids("/api/v1/allocations?from=2031-07-01T00:00:00Z&to=2031-08-01T00:00:00Z"))
                .containsExactly("f-2031-a100", "f-2031-v100", "f-south-ju");
        // [.., 2031-03-01): the CINES grant starts at its end, so it is not in it
        assertThat(ids("/api/v1/allocations?to=2031-03-01T00:00:00Z")).containsExactly("f-2030-a100",
                "f-2031-a100", "f-2031-h1", "f-2031-v100");
        assertThat(ids("/api/v1/allocations?from=2030-12-31T23:59:59Z&to=2031-01-01T00:00:00Z"))
                .containsExactly("f-2030-a100");
        // in force at an instant: the half-year ended at 2031-07-01, the CINES grant started at 2031-03-01
        assertThat(ids("/api/v1/allocations?activeAt=2031-07-01T00:00:00Z")).containsExactly("f-2031-a100",
                "f-2031-v100", "f-south-ju");
        assertThat(ids("/api/v1/allocations?activeAt=2031-03-01T00:00:00Z")).containsExactly("f-2031-a100",
                "f-2031-h1", "f-2031-v100", "f-south-ju");
    }

    @Test
    void pages_follow_the_cursor_to_the_end_where_next_is_absent() {
        List<String> seen = new ArrayList<>();
        String path = "/api/v1/allocations?providerId=fnd-north&limit=3";
        Answer first = ok(both.get(path));
        first.body().get("items").forEach(item -> seen.add(item.get("allocationId").asText()));
        assertThat(first.body().get("items")).hasSize(3);
        assertThat(first.body().get("next").asText()).isEqualTo("f-2031-h1");
        Answer last = ok(both.get(path + "&after=" + first.body().get("next").asText()));
        last.body().get("items").forEach(item -> seen.add(item.get("allocationId").asText()));
        assertThat(last.body().has("next")).as(last.text()).isFalse();
        assertThat(seen).containsExactly("f-2030-a100", "f-2031-a100", "f-2031-h1", "f-2031-v100");

        Answer exact = ok(both.get("/api/v1/allocations?providerId=fnd-north&limit=4"));
        assertThat(exact.body().get("items")).hasSize(4);
        assertThat(exact.body().has("next")).as("a page that happens to end the list has no next").isFalse();
    }

    @Test
    void each_item_is_the_allocation_as_its_own_page_shows_it() {
        JsonNode item = ok(both.get("/api/v1/allocations?schedulerAccount=nxk@v100")).body().get("items").get(0);
        JsonNode one = ok(http.get("/api/v1/allocations/f-2031-v100")).body();
        assertThat(item).isEqualTo(one);
        assertThat(item.get("state").asText()).isEqualTo("SUSPENDED");
    }

    @Test
    void a_centre_accountant_finds_only_the_allocations_of_its_providers() {
        LedgerHttp south = http.as(token("accountant-south", "CENTRE_ACCOUNTANT", "\"fnd-south\""));
        assertThat(ids(south, "/api/v1/allocations")).containsExactly("f-south-ju");
        assertThat(ids(south, "/api/v1/allocations?providerId=fnd-north")).isEmpty();
        LedgerHttp pi = http.as(token("pi-fnd", "PI", "\"" + PROJECT_A + "\""));
        assertThat(ids(pi, "/api/v1/allocations")).containsExactly("f-2030-a100", "f-2031-a100", "f-2031-h1",
                "f-2031-v100");
    }

    @Test
    void bad_filters_are_refused_naming_the_field() {
        assertRefused("/api/v1/allocations?state=RUNNING", "state");
        assertRefused("/api/v1/allocations?fundingSource=ANR", "fundingSource");
        assertRefused("/api/v1/allocations?limit=0", "limit");
        assertRefused("/api/v1/allocations?limit=501", "limit");
        assertRefused("/api/v1/allocations?from=yesterday", "from");
        assertRefused("/api/v1/allocations?from=2031-02-01T00:00:00Z&to=2031-01-01T00:00:00Z", "to");
        assertRefused("/api/v1/allocations?after=" + "x".repeat(300), "after");
        assertRefused("/api/v1/allocations?activeAt=2031-01-01T00:00:00Z&from=2031-01-01T00:00:00Z", "activeAt");
    }

    private void assertRefused(String path, String field) {
        Answer answer = http.get(path);
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).contains(field);
    }

    private List<String> ids(String path) {
        return ids(both, path);
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
