package eu.gpuledger.server.security;

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

import static org.assertj.core.api.Assertions.assertThat;

/** What the scopes mean inside an endpoint: usage lines of another centre, rows of reports, who history names. */
@LedgerIntegrationTest
class ScopesOverHttpTest extends OverHttp {

    private LedgerHttp idrisAccountant;
    private String idrisAccountantId;

    @BeforeEach
    void twoCentres() {
        SecurityFixture.twoCentres(http);
        Answer created = http.post("/api/v1/admin/tokens", """
                {"name": "idris importer", "role": "CENTRE_ACCOUNTANT", "scope": ["idris"], "expiresAt": "%s"}"""
                .formatted(Instant.now().plus(1, ChronoUnit.DAYS)));
        idrisAccountant = http.as(created.body().get("token").asText());
        idrisAccountantId = created.body().at("/view/tokenId").asText();
    }

    @Test
    void an_accountant_recording_usage_for_another_centre_is_refused_and_nothing_is_stored() {
        long head = eventStoreHead();
        long booked = count("SELECT count(*) FROM usage_record");
        long kept = count("SELECT count(*) FROM usage_unmatched");
        Instant end = Instant.now().minus(2, ChronoUnit.HOURS);
        Answer answer = idrisAccountant.post("/api/v1/usage/records",
                "[" + SecurityFixture.job("adastra", "cross-1", "sec@mi250", "mi250", end) + "]");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().get("accepted").asLong()).isZero();
        assertThat(answer.body().at("/rejected/0/reason").asText()).contains("outside").contains("not stored");
        assertThat(eventStoreHead()).as("the event store's head").isEqualTo(head);
        assertThat(count("SELECT count(*) FROM usage_record")).isEqualTo(booked);
        assertThat(count("SELECT count(*) FROM usage_unmatched")).isEqualTo(kept);

        Answer sacct = idrisAccountant.post("/api/v1/usage/sacct?cluster=adastra",
                "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n", "text/plain");
        assertThat(sacct.status()).as("an import of another centre's cluster is refused whole").isEqualTo(403);
        assertThat(sacct.body().get("type").asText()).endsWith("/out-of-scope");
        assertThat(eventStoreHead()).isEqualTo(head);
    }

    @Test
    void a_mixed_file_books_the_lines_of_the_accountants_centre_and_refuses_the_others_one_by_one() {
        long booked = count("SELECT count(*) FROM usage_record");
        long kept = count("SELECT count(*) FROM usage_unmatched");
        Instant end = Instant.now().minus(3, ChronoUnit.HOURS);
        Answer answer = idrisAccountant.post("/api/v1/usage/records", "["
                + SecurityFixture.job("jean-zay", "mixed-1", "sec@a100", "gpu_p5", end) + ","
                + SecurityFixture.job("adastra", "mixed-2", "sec@mi250", "mi250", end) + "]");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().get("accepted").asLong()).isEqualTo(1);
        assertThat(answer.body().get("rejected")).hasSize(1);
        assertThat(answer.body().at("/rejected/0/line").asLong()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM usage_record")).isEqualTo(booked + 1);
        assertThat(count("SELECT count(*) FROM usage_record WHERE record_id = 'adastra:mixed-2'")).isZero();
        assertThat(count("SELECT count(*) FROM usage_unmatched")).isEqualTo(kept);
    }

    @Test
    void the_history_names_the_token_that_wrote() {
        Answer supplement = idrisAccountant.post("/api/v1/allocations/sec-idris-b/supplements", """
                {"supplementId": "by-token", "gpuHours": 2, "reason": "committee"}""");
        assertThat(supplement.status()).as(supplement.text()).isEqualTo(200);
        JsonNode history = http.get("/api/v1/allocations/sec-idris-b/history").body();
        List<String> principals = new ArrayList<>();
        history.forEach(entry -> {
            if (entry.at("/payload/supplementId").asText().equals("by-token")) {
                principals.add(entry.at("/metadata/principal").asText());
            }
        });
        assertThat(principals).containsExactly("token:" + idrisAccountantId);
        assertThat(history.toString()).as("the scope travels with the command, not into the events")
                .doesNotContain("scopeProviders");
    }

    @Test
    void a_funder_reads_the_rows_of_its_funding_source_and_a_pi_the_allocations_of_its_projects() {
        String query = "/api/v1/reports/usage?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&groupBy=fundingSource";
        assertThat(sources(http.get(query))).contains("GENCI", "EUROHPC_JU");
        LedgerHttp funder = http.as(SecurityFixture.issue(http, "genci", "FUNDER", "\"GENCI\""));
        assertThat(sources(funder.get(query))).containsExactly("GENCI");

        LedgerHttp pi = http.as(SecurityFixture.issue(http, "pi", "PI", "\"" + SecurityFixture.PROJECT_IDRIS + "\""));
        Answer own = pi.get("/api/v1/projects/" + SecurityFixture.PROJECT_IDRIS + "/allocations");
        assertThat(own.status()).as(own.text()).isEqualTo(200);
        assertThat(own.body().findValuesAsText("allocationId")).contains("sec-idris-a", "sec-idris-b");
        assertThat(pi.get("/api/v1/allocations/sec-cines-a").status()).isEqualTo(403);

        LedgerHttp cines = http.as(SecurityFixture.issue(http, "cines", "CENTRE_ACCOUNTANT", "\"cines\""));
        Answer filtered = cines.get("/api/v1/projects/" + SecurityFixture.PROJECT_IDRIS + "/allocations");
        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.body()).as("an accountant sees its own centre's allocations of a project").isEmpty();
    }

    private static List<String> sources(Answer report) {
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        List<String> sources = new ArrayList<>();
        report.body().get("rows").forEach(row -> sources.add(row.get("fundingSource").asText()));
        return sources;
    }
}
