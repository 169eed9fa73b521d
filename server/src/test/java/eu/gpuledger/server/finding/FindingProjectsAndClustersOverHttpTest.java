package eu.gpuledger.server.finding;

import com.fasterxml.jackson.databind.JsonNode;
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

/** GET /projects and GET /clusters: an accountant finds a project by what it remembers of it, as it remembers it. */
@LedgerIntegrationTest
class FindingProjectsAndClustersOverHttpTest extends OverHttp {

    // ids of this test's own (the test database is shared by every test of the same application context), all
    // with "fndp" in them: every list below is narrowed to them by q=fndp
    static final String CLIMATE = "2026-FNDP000001";
    static final String PROTEINS = "2026-FNDP000002";
    static final String WORKS = "2026-FNDP000003";
    static final String LLM = "2026-FNDP000004";

    @BeforeEach
    void projects() {
        ok(http.put("/api/v1/providers/fndp-centre", """
                {"name": "Finding Centre", "kind": "PUBLIC", "euroHpcHosted": true}"""));
        ok(http.put("/api/v1/providers/fndp-empty", """
                {"name": "Empty Centre", "kind": "PRIVATE", "euroHpcHosted": false}"""));
        ok(http.put("/api/v1/clusters/fndp-a", """
                {"providerId": "fndp-centre", "timeZone": "UTC"}"""));
        ok(http.put("/api/v1/clusters/fndp-b", """
                {"providerId": "fndp-centre", "timeZone": "Europe/Paris"}"""));
        ok(http.put("/api/v1/pools/fndp-mi250", """
                {"providerId": "fndp-centre", "cluster": "fndp-a", "partition": "mi250", "gpuModel": "MI250X",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        project(CLIMATE, "Climate downscaling", "C. Durand", "Météo-France", "PUBLIC_SERVICE", "AR");
        project(PROTEINS, "Repliement des protéines", "Anaïs Martin", "CNRS-FNDP", "ACADEMIC", "AR");
        project(WORKS, "Œuvres numérisées", "J. Lefèvre", "Bibliothèque nationale", "PUBLIC_SERVICE", "AD");
        project(LLM, "LLM fine-tuning", "K. Smith", "Mistral 100%_AI", "STARTUP_SME", "AD");
        ok(http.post("/api/v1/allocations", """
                {"allocationId": "fndp-alloc", "projectId": "%s", "poolId": "fndp-mi250",
                 "fundingSource": "EUROHPC_JU", "gpuHours": 100, "periodStart": "2026-03-01T00:00:00Z",
                 "periodEnd": "2027-03-01T00:00:00Z", "schedulerAccount": "fndp@mi250"}""".formatted(PROTEINS)));
    }

    @Test
    void a_search_finds_words_whatever_their_case_and_accents() {
        assertThat(ids("/api/v1/projects?q=fndp%20meteo")).containsExactly(CLIMATE);
        assertThat(ids("/api/v1/projects?q=fndp%20M%C3%89T%C3%89O")).containsExactly(CLIMATE); // MÉTÉO
        assertThat(ids("/api/v1/projects?q=fndp%20proteines")).containsExactly(PROTEINS);
        assertThat(ids("/api/v1/projects?q=fndp%20anais")).containsExactly(PROTEINS);
        assertThat(ids("/api/v1/projects?q=fndp%20oeuvres")).containsExactly(WORKS);
        assertThat(ids("/api/v1/projects?q=FNDP%20lefevre%20bibliotheque")).containsExactly(WORKS);
        assertThat(ids("/api/v1/projects?q=fndp%20durand%20cnrs")).as("every word must be found").isEmpty();
        assertThat(ids("/api/v1/projects?q=2026-fndp00000")).containsExactly(CLIMATE, PROTEINS, WORKS, LLM);
        // % and _ are letters of the search, not wildcards
        assertThat(ids("/api/v1/projects?q=fndp%20100%25_")).containsExactly(LLM);
        assertThat(ids("/api/v1/projects?q=fndp%20%25")).containsExactly(LLM);
    }

    @Test
    void filters_keep_the_projects_they_name_and_hold_together() {
        assertThat(ids("/api/v1/projects?q=fndp&audience=PUBLIC_SERVICE")).containsExactly(CLIMATE, WORKS);
        assertThat(ids("/api/v1/projects?q=fndp&accessMode=AD")).containsExactly(WORKS, LLM);
        assertThat(ids("/api/v1/projects?q=fndp&accessMode=AD&audience=PUBLIC_SERVICE")).containsExactly(WORKS);
        assertThat(ids("/api/v1/projects?organisation=CNRS-FNDP")).containsExactly(PROTEINS);
        assertThat(ids("/api/v1/projects?providerId=fndp-centre")).containsExactly(PROTEINS);
        assertThat(ids("/api/v1/projects?providerId=fndp-empty")).as("no allocation there").isEmpty();
    }

    @Test
    void pages_follow_the_cursor_to_the_end_where_next_is_absent() {
        Answer first = ok(http.get("/api/v1/projects?q=fndp&limit=3"));
        assertThat(first.body().get("items")).hasSize(3);
        assertThat(first.body().get("next").asText()).isEqualTo(WORKS);
        Answer last = ok(http.get("/api/v1/projects?q=fndp&limit=3&after=" + WORKS));
        assertThat(last.body().get("items")).hasSize(1);
        assertThat(last.body().get("items").get(0).get("projectId").asText()).isEqualTo(LLM);
        assertThat(last.body().has("next")).isFalse();
        assertThat(last.body().get("items").get(0)).isEqualTo(ok(http.get("/api/v1/projects/" + LLM)).body());
    }

    @Test
    void a_principal_investigator_finds_only_its_own_projects() {
        LedgerHttp pi = http.as(token("pi-climate", "PI", "\"" + CLIMATE + "\""));
        assertThat(ids(pi, "/api/v1/projects")).containsExactly(CLIMATE);
        assertThat(ids(pi, "/api/v1/projects?q=fndp%20proteines")).isEmpty();
    }

    @Test
    void bad_filters_are_refused_naming_the_field() {
        assertRefused("/api/v1/projects?audience=STUDENTS", "audience");
        assertRefused("/api/v1/projects?accessMode=XX", "accessMode");
        assertRefused("/api/v1/projects?q=" + "a".repeat(201), "q");
        assertRefused("/api/v1/projects?limit=501", "limit");
    }

    @Test
    void the_clusters_show_their_providers_and_time_zones() {
        List<JsonNode> ours = new ArrayList<>();
        ok(http.get("/api/v1/clusters")).body().forEach(cluster -> {
            if (cluster.get("cluster").asText().startsWith("fndp-")) {
                ours.add(cluster);
            }
        });
        assertThat(ours).hasSize(2);
        assertThat(ours.get(0).get("cluster").asText()).isEqualTo("fndp-a");
        assertThat(ours.get(0).get("providerId").asText()).isEqualTo("fndp-centre");
        assertThat(ours.get(0).get("providerName").asText()).isEqualTo("Finding Centre");
        assertThat(ours.get(0).get("timeZone").asText()).isEqualTo("UTC");
        Answer b = ok(http.get("/api/v1/clusters/fndp-b"));
        assertThat(b.body().get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(b.body()).isEqualTo(ours.get(1));
        Answer unknown = http.get("/api/v1/clusters/no-such-cluster");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).contains("no-such-cluster");
    }

    private void project(String id, String title, String pi, String organisation, String audience, String mode) {
        ok(http.put("/api/v1/projects/" + id, """
                {"title": "%s", "principalInvestigator": "%s", "organisation": "%s",
                 "audience": "%s", "sector": "science", "accessMode": "%s"}"""
                .formatted(title, pi, organisation, audience, mode)));
    }

    private void assertRefused(String path, String field) {
        Answer answer = http.get(path);
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().get("detail").asText()).contains(field);
    }

    private List<String> ids(String path) {
        return ids(http, path);
    }

    private static List<String> ids(LedgerHttp client, String path) {
        Answer answer = ok(client.get(path));
        List<String> ids = new ArrayList<>();
        answer.body().get("items").forEach(item -> ids.add(item.get("projectId").asText()));
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
