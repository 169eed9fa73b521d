package eu.gpuledger.server.finding;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static eu.gpuledger.server.support.Catalogue.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Descriptive data corrected by a new version over HTTP, never by editing; the history shows every version. */
@LedgerIntegrationTest
class CorrectionsOverHttpTest extends OverHttp {

    static final String CLIMATE = "2026-A0191012641";

    @Test
    void a_typo_in_a_provider_s_name_is_corrected_and_the_registration_stays_as_it_was() {
        ok(http.put("/api/v1/providers/fndc-tgcc", """
                {"name": "TGGC", "kind": "PUBLIC", "euroHpcHosted": false}"""));
        String correction = """
                {"correctionId": "tgcc-typo", "name": "TGCC", "reason": "letters swapped at registration"}""";
        Answer corrected = ok(http.post("/api/v1/providers/fndc-tgcc/corrections", correction));
        assertThat(corrected.body().get("name").asText()).isEqualTo("TGCC");
        assertThat(providerName("fndc-tgcc")).as("read your writes").isEqualTo("TGCC");

        // the PUT keeps its meaning: the registration is what it was, other content is still a conflict
        ok(http.put("/api/v1/providers/fndc-tgcc", """
                {"name": "TGGC", "kind": "PUBLIC", "euroHpcHosted": false}"""));
        assertThat(http.put("/api/v1/providers/fndc-tgcc", """
                {"name": "TGCC", "kind": "PUBLIC", "euroHpcHosted": false}""").status()).isEqualTo(409);
        assertThat(providerName("fndc-tgcc")).isEqualTo("TGCC");

        // the correction is idempotent on its id
        long head = eventStoreHead();
        ok(http.post("/api/v1/providers/fndc-tgcc/corrections", correction));
        assertThat(eventStoreHead()).isEqualTo(head);
        Answer conflict = http.post("/api/v1/providers/fndc-tgcc/corrections", """
                {"correctionId": "tgcc-typo", "name": "TGCC (CEA)", "reason": "letters swapped at registration"}""");
        assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
        assertThat(conflict.body().get("detail").asText()).contains("correctionId");

        Answer nothing = http.post("/api/v1/providers/fndc-tgcc/corrections", """
                {"correctionId": "tgcc-again", "name": "TGCC", "reason": "to be sure"}""");
        assertThat(nothing.status()).as(nothing.text()).isEqualTo(422);
        assertThat(nothing.body().get("type").asText()).endsWith("/correction-changes-nothing");
        assertThat(eventStoreHead()).isEqualTo(head);

        JsonNode history = ok(http.get("/api/v1/providers/fndc-tgcc/history")).body();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("event").asText()).isEqualTo("ProviderRegistered");
        assertThat(history.get(0).at("/payload/name").asText()).isEqualTo("TGGC");
        assertThat(history.get(1).get("event").asText()).isEqualTo("ProviderRenamed");
        assertThat(history.get(1).at("/payload/name").asText()).isEqualTo("TGCC");
        assertThat(history.get(1).at("/payload/reason").asText()).isEqualTo("letters swapped at registration");
        assertThat(history.get(1).get("metadata").toString()).contains("letters swapped at registration");
        assertThat(history.get(1).get("recordedAt").asText()).isNotBlank();
        assertThat(history.get(1).get("metadata").size()).as("who, from where, why: " + history.get(1))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_correction_names_the_field_it_lacks_and_an_unknown_record_is_404() {
        ok(http.put("/api/v1/providers/fndc-lacking", """
                {"name": "Lacking", "kind": "PRIVATE", "euroHpcHosted": false}"""));
        Answer noReason = http.post("/api/v1/providers/fndc-lacking/corrections", """
                {"correctionId": "c-1", "name": "Lacking SAS"}""");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("detail").asText()).contains("reason");
        Answer badZone = http.post("/api/v1/clusters/nowhere/corrections", """
                {"correctionId": "c-1", "timeZone": "Mars/Olympus", "reason": "r"}""");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.body().get("detail").asText()).contains("timeZone");
        Answer unknown = http.post("/api/v1/providers/no-such-provider/corrections", """
                {"correctionId": "c-1", "name": "X", "reason": "r"}""");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(http.get("/api/v1/providers/no-such-provider/history").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/projects/" + "no-such-project" + "/history").status()).isEqualTo(404);
    }

    @Test
    void a_project_s_description_is_corrected_and_found_by_its_new_words_only() {
        ok(http.put("/api/v1/projects/2026-FNDC000001", """
                {"title": "Turbulance modelling", "principalInvestigator": "P. Dupont", "organisation": "ONERA",
                 "audience": "PUBLIC_SERVICE", "sector": "aeronautics", "accessMode": "AR"}"""));
        Answer corrected = ok(http.post("/api/v1/projects/2026-FNDC000001/corrections", """
                {"correctionId": "p-typo", "title": "Turbulence modelling", "principalInvestigator": "É. Dupont",
                 "organisation": "ONERA", "reason": "typo in the title, the PI's first name"}"""));
        assertThat(corrected.body().get("title").asText()).isEqualTo("Turbulence modelling");
        JsonNode project = ok(http.get("/api/v1/projects/2026-FNDC000001")).body();
        assertThat(project.get("principalInvestigator").asText()).isEqualTo("É. Dupont");
        assertThat(project.get("audience").asText()).as("classification untouched").isEqualTo("PUBLIC_SERVICE");
        assertThat(ok(http.get("/api/v1/projects?q=turbulence")).body().get("items")).hasSize(1);
        assertThat(ok(http.get("/api/v1/projects?q=turbulance")).body().get("items")).isEmpty();
        assertThat(ok(http.get("/api/v1/projects?q=e.%20dupont")).body().get("items")).hasSize(1);

        JsonNode history = ok(http.get("/api/v1/projects/2026-FNDC000001/history")).body();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).at("/payload/title").asText()).isEqualTo("Turbulance modelling");
        assertThat(history.get(1).get("event").asText()).isEqualTo("ProjectDescriptionCorrected");
        assertThat(history.get(1).at("/payload/title").asText()).isEqualTo("Turbulence modelling");
    }

    /**
     * Charges are stored in UTC when a line is read: a corrected time zone changes how the next imports read their
     * local times, and nothing already booked.
     */
    @Test
    void a_cluster_s_corrected_time_zone_reads_later_imports_and_leaves_booked_usage_as_it_was() {
        Catalogue.idrisWithA100AndV100(http);
        ok(http.put("/api/v1/clusters/tz-cluster", """
                {"providerId": "idris", "timeZone": "UTC"}"""));
        ok(http.put("/api/v1/pools/tz-pool", """
                {"providerId": "idris", "cluster": "tz-cluster", "partition": "gpu_tz", "gpuModel": "H100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        Catalogue.grant(http, "tz-grant", "tz-pool", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "tz@pool");
        ok(http.post("/api/v1/usage/sacct?cluster=tz-cluster", sacct("7001"), "text/plain"));
        Instant bookedBefore = effectiveAt("7001");
        long consumedBefore = consumed();

        Answer corrected = ok(http.post("/api/v1/clusters/tz-cluster/corrections", """
                {"correctionId": "tz-1", "timeZone": "Europe/Paris", "reason": "sacct prints Paris time"}"""));
        assertThat(corrected.body().get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(ok(http.get("/api/v1/clusters/tz-cluster")).body().get("timeZone").asText())
                .isEqualTo("Europe/Paris");
        assertThat(effectiveAt("7001")).as("booked usage is stored in UTC, untouched").isEqualTo(bookedBefore);
        assertThat(consumed()).isEqualTo(consumedBefore);

        // the same local times, read in Paris summer time (UTC+2), are two hours earlier in UTC
        ok(http.post("/api/v1/usage/sacct?cluster=tz-cluster", sacct("7002"), "text/plain"));
        assertThat(Duration.between(effectiveAt("7002"), effectiveAt("7001"))).isEqualTo(Duration.ofHours(2));
        assertThat(consumed()).isEqualTo(2 * consumedBefore);

        JsonNode history = ok(http.get("/api/v1/clusters/tz-cluster/history")).body();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).at("/payload/timeZone").asText()).isEqualTo("UTC");
        assertThat(history.get(1).at("/payload/timeZone").asText()).isEqualTo("Europe/Paris");
    }

    @Test
    void an_allocation_s_history_pages_keep_the_array_and_link_the_next_page() {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "fndc-paged", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "fndc@a100");
        for (int supplement = 1; supplement <= 3; supplement++) {
            ok(http.post("/api/v1/allocations/fndc-paged/supplements", """
                    {"supplementId": "s-%d", "gpuHours": 1, "reason": "more"}""".formatted(supplement)));
        }
        JsonNode whole = ok(http.get("/api/v1/allocations/fndc-paged/history")).body();
        assertThat(whole.isArray()).isTrue();
        assertThat(whole).hasSize(4);

        Answer first = ok(http.get("/api/v1/allocations/fndc-paged/history?limit=3"));
        assertThat(first.body()).hasSize(3);
        assertThat(first.body().get(0)).isEqualTo(whole.get(0));
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).contains("after=2").contains("limit=3").endsWith("; rel=\"next\"");
        String next = link.substring(link.indexOf("/api/v1/"), link.indexOf('>'));
        Answer last = ok(http.get(next));
        assertThat(last.body()).hasSize(1);
        assertThat(last.body().get(0)).isEqualTo(whole.get(3));
        assertThat(last.headers().firstValue("Link")).as("no next page").isEmpty();

        Answer exact = ok(http.get("/api/v1/allocations/fndc-paged/history?limit=4"));
        assertThat(exact.body()).hasSize(4);
        assertThat(exact.headers().firstValue("Link")).isEmpty();
        assertThat(http.get("/api/v1/allocations/fndc-paged/history?limit=1001").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/allocations/no-such-allocation/history?limit=10").status()).isEqualTo(404);
    }

    /** A rebuilt catalogue replays registrations and corrections in order: it shows the latest versions again. */
    @Test
    void a_rebuilt_catalogue_shows_the_corrected_versions() throws InterruptedException {
        ok(http.put("/api/v1/providers/fndc-rebuilt", """
                {"name": "Rebuilt Centr", "kind": "PRIVATE", "euroHpcHosted": false}"""));
        ok(http.put("/api/v1/clusters/fndc-rebuilt-cluster", """
                {"providerId": "fndc-rebuilt", "timeZone": "UTC"}"""));
        ok(http.put("/api/v1/projects/2026-FNDC000002", """
                {"title": "Gnomics", "principalInvestigator": "L. Roux", "organisation": "INSERM",
                 "audience": "ACADEMIC", "sector": "biology", "accessMode": "AR"}"""));
        ok(http.post("/api/v1/providers/fndc-rebuilt/corrections", """
                {"correctionId": "r-1", "name": "Rebuilt Centre", "reason": "typo"}"""));
        ok(http.post("/api/v1/clusters/fndc-rebuilt-cluster/corrections", """
                {"correctionId": "r-1", "timeZone": "Europe/Berlin", "reason": "wrong zone"}"""));
        ok(http.post("/api/v1/projects/2026-FNDC000002/corrections", """
                {"correctionId": "r-1", "title": "Génomique", "principalInvestigator": "L. Roux",
                 "organisation": "INSERM", "reason": "title in French"}"""));

        Answer started = http.post("/api/v1/admin/projections/catalogue/rebuild", "");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        Answer progress = started;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!progress.body().get("phase").asText().equals("COMPLETED") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            progress = ok(http.get("/api/v1/admin/projections/catalogue/rebuild"));
        }
        assertThat(progress.body().get("phase").asText()).as(progress.text()).isEqualTo("COMPLETED");

        assertThat(providerName("fndc-rebuilt")).isEqualTo("Rebuilt Centre");
        assertThat(ok(http.get("/api/v1/clusters/fndc-rebuilt-cluster")).body().get("timeZone").asText())
                .isEqualTo("Europe/Berlin");
        assertThat(ok(http.get("/api/v1/projects/2026-FNDC000002")).body().get("title").asText())
                .isEqualTo("Génomique");
        assertThat(ok(http.get("/api/v1/projects?q=genomique%20fndc")).body().get("items")).hasSize(1);
        assertThat(ok(http.get("/api/v1/projects?q=gnomics%20fndc")).body().get("items")).isEmpty();
    }

    private String providerName(String providerId) {
        for (JsonNode provider : ok(http.get("/api/v1/providers")).body()) {
            if (provider.get("providerId").asText().equals(providerId)) {
                return provider.get("name").asText();
            }
        }
        throw new AssertionError("no provider " + providerId);
    }

    private static String sacct(String jobId) {
        return "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n"
                + String.join("|", jobId, jobId, "tz@pool", "amartin", "gpu_tz",
                "billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1", "3600",
                "2026-07-12T09:00:00", "2026-07-12T10:00:00", "COMPLETED") + "\n";
    }

    private Instant effectiveAt(String jobId) {
        return jdbc.queryForObject("SELECT effective_at FROM usage_record WHERE cluster = 'tz-cluster' AND job_id = ?",
                Timestamp.class, jobId).toInstant();
    }

    private long consumed() {
        return ok(http.get("/api/v1/allocations/tz-grant")).body().at("/consumed/gpuSeconds").asLong();
    }
}
