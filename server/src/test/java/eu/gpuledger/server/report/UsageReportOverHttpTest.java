package eu.gpuledger.server.report;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A funder's usage report over HTTP, on the ledger's own events: knownAt, months as bounds, CSV by Accept, grant and
 * balance by month. The database is shared with other tests, so this one has a pool of its own (rows are read by
 * pool) and a period of its own (2043): one allocation of 100 GPU-hours from May 2043, a 2-hour job in May imported
 * first, a 3-hour job in June imported later.
 */
@LedgerIntegrationTest
class UsageReportOverHttpTest extends OverHttp {

    private static final String ALLOCATION = "report-2043";
    private static final String POOL = "jz-rep43";
    private static final String MAY_AND_JUNE = "from=2043-05&to=2043-06&groupBy=pool";

    /** The instant the ledger had recorded the May job and not yet the June one. */
    private Instant betweenTheImports;

    @BeforeEach
    void anAllocationWithAJobImportedBeforeAnother() throws InterruptedException {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.ok(http.put("/api/v1/pools/" + POOL, """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_rep43", "gpuModel": "A100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        Catalogue.ok(http.post("/api/v1/pools/" + POOL + "/factors", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 2}"""));
        Catalogue.grant(http, ALLOCATION, POOL, 100, "2043-05-01T00:00:00Z", "2044-05-01T00:00:00Z",
                "rep43@h100");
        importJob("rep43-may", "2043-05-10T12:00:00Z", 2 * 3600);
        // when the May job was recorded (set-up runs before each test; the imports after the first are replays)
        betweenTheImports = jdbc.queryForObject("SELECT e.recorded_at FROM journal_entry e JOIN journal_allocation a"
                + " ON a.allocation_no = e.allocation_no WHERE a.allocation_id = ? AND e.movement = 'CONSUMED'"
                + " AND e.effective_at = '2043-05-10T12:00:00Z'", Timestamp.class, ALLOCATION).toInstant();
        Thread.sleep(5); // the next import is recorded strictly later
        importJob("rep43-june", "2043-06-10T12:00:00Z", 3 * 3600);
    }

    private void importJob(String jobId, String end, long elapsedSeconds) {
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:%s", "cluster": "jean-zay", "jobId": "%s", "account": "rep43@h100",
                  "partition": "gpu_rep43", "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": %d}]"""
                .formatted(jobId, jobId, end, elapsedSeconds)));
    }

    @Test
    void as_known_at_an_instant_a_job_imported_after_it_is_not_counted_and_one_imported_before_is() {
        JsonNode answer = ok(http.get("/api/v1/reports/usage?" + MAY_AND_JUNE + "&knownAt=" + betweenTheImports))
                .body();
        JsonNode known = ours(answer);
        JsonNode now = ours(ok(http.get("/api/v1/reports/usage?" + MAY_AND_JUNE)).body());

        assertThat(answer.get("knownAt").asText()).isEqualTo(betweenTheImports.toString());
        assertThat(known.get("consumedGpuSeconds").asLong()).as("May's job only").isEqualTo(2 * 3600);
        assertThat(known.get("balanceGpuHours").decimalValue()).isEqualByComparingTo("98.00");
        assertThat(known.get("normalisedConsumedGpuHours").isNull()).as("the journal keeps no factor").isTrue();
        assertThat(now.get("consumedGpuSeconds").asLong()).isEqualTo(5 * 3600);
        assertThat(now.get("balanceGpuHours").decimalValue()).isEqualByComparingTo("95.00");
        assertThat(now.get("normalisedConsumedGpuHours").decimalValue()).as("at 2 per GPU-hour")
                .isEqualByComparingTo("10.00");
    }

    @Test
    void as_known_before_anything_was_imported_the_report_is_one_row_of_zeros() {
        JsonNode known = ok(http.get("/api/v1/reports/usage?from=2043-05&to=2043-06&knownAt=2001-01-01T00:00:00Z"))
                .body();

        assertThat(known.get("rows")).hasSize(1);
        assertThat(known.at("/rows/0/consumedGpuSeconds").asLong()).isZero();
        assertThat(known.at("/rows/0/allocations").asLong()).isZero();
    }

    @Test
    void a_month_as_from_is_its_first_instant_and_as_to_the_end_of_that_month() {
        JsonNode may = ok(http.get("/api/v1/reports/usage?from=2043-05&to=2043-05&groupBy=pool")).body();
        JsonNode instants = ok(http.get("/api/v1/reports/usage?from=2043-05-01T00:00:00Z&to=2043-06-01T00:00:00Z"
                + "&groupBy=pool")).body();

        assertThat(may.get("from").asText()).isEqualTo("2043-05-01T00:00:00Z");
        assertThat(may.get("to").asText()).isEqualTo("2043-06-01T00:00:00Z");
        assertThat(may.get("rows")).isEqualTo(instants.get("rows"));
        assertThat(ours(may).get("consumedGpuSeconds").asLong()).isEqualTo(2 * 3600);
    }

    @Test
    void by_month_each_month_carries_the_grant_and_balance_at_its_end() {
        List<JsonNode> rows = ok(http.get("/api/v1/reports/usage?from=2043-05&to=2043-07&groupBy=pool,month"))
                .body().findParents("pool").stream().filter(row -> row.get("pool").asText().equals(POOL)).toList();

        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(row -> row.get("month").asText()).containsExactly("2043-05", "2043-06",
                "2043-07");
        assertThat(rows).allSatisfy(row ->
                assertThat(row.get("grantedGpuHours").decimalValue()).isEqualByComparingTo("100"));
        assertThat(rows).extracting(row -> row.get("balanceGpuHours").decimalValue().stripTrailingZeros()
                .toPlainString()).as("100 h − 2 h in May, − 3 h in June").containsExactly("98", "95", "95");
    }

    @Test
    void by_month_the_balances_folded_from_the_journal_alone_equal_those_as_known_now_a_refund_included() {
        Catalogue.ok(http.put("/api/v1/pools/jz-rep43r", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_rep43r", "gpuModel": "A100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        Catalogue.grant(http, ALLOCATION + "-r", "jz-rep43r", 50, "2043-08-01T00:00:00Z", "2044-08-01T00:00:00Z",
                "rep43r@h100");
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:rep43r-1", "cluster": "jean-zay", "jobId": "rep43r-1", "account": "rep43r@h100",
                  "partition": "gpu_rep43r", "user": "u", "gpus": 2, "end": "2043-08-31T23:30:00Z",
                  "elapsedSeconds": 7200}]"""));
        Catalogue.ok(http.post("/api/v1/usage/jean-zay:rep43r-1/refunds", """
                {"refundId": "rep43r-refund", "gpuSeconds": 3600, "reason": "node failure"}"""));
        String byMonth = "/api/v1/reports/usage?from=2043-08&to=2043-09&groupBy=pool,month";

        List<JsonNode> now = rowsOf(ok(http.get(byMonth)).body(), "jz-rep43r");
        List<JsonNode> journal = rowsOf(ok(http.get(byMonth + "&knownAt=2099-01-01T00:00:00Z")).body(), "jz-rep43r");

        assertThat(now).extracting(row -> row.get("balanceGpuHours").decimalValue().stripTrailingZeros()
                .toPlainString()).as("50 h − 4 h + 1 h at the end of August (the refund on its job's day)")
                .containsExactly("47", "47");
        assertThat(journal).extracting(row -> row.get("balanceGpuHours").decimalValue())
                .isEqualTo(now.stream().map(row -> row.get("balanceGpuHours").decimalValue()).toList());
        assertThat(journal).extracting(row -> row.get("grantedGpuHours").decimalValue())
                .isEqualTo(now.stream().map(row -> row.get("grantedGpuHours").decimalValue()).toList());
    }

    private static List<JsonNode> rowsOf(JsonNode report, String pool) {
        return report.get("rows").findParents("pool").stream().filter(row -> row.get("pool").asText().equals(pool))
                .toList();
    }

    @Test
    void accept_text_csv_gives_the_csv_as_format_csv_does() {
        Answer byAccept = http.send(HttpRequest.newBuilder().header("Accept", "text/csv").GET(),
                "/api/v1/reports/usage?" + MAY_AND_JUNE + "&groupBy=pool");
        Answer byFormat = http.get("/api/v1/reports/usage?" + MAY_AND_JUNE + "&groupBy=pool&format=csv");

        assertThat(byAccept.status()).as(byAccept.text()).isEqualTo(200);
        assertThat(byAccept.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(byAccept.text()).isEqualTo(byFormat.text());
        List<String> lines = byAccept.text().lines().toList();
        assertThat(lines.get(0)).startsWith("pool,grantedGpuHours,consumedGpuHours,");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(POOL + ",100.00,5.00,"));
        assertThat(byAccept.text().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }

    @Test
    void accept_json_or_anything_or_nothing_gives_json_and_the_preferred_type_wins() {
        for (String accept : List.of("application/json", "*/*", "text/csv;q=0.5, application/json")) {
            Answer answer = http.send(HttpRequest.newBuilder().header("Accept", accept).GET(),
                    "/api/v1/reports/usage?" + MAY_AND_JUNE);
            assertThat(answer.contentType()).as(accept).startsWith("application/json");
        }
        Answer csvPreferred = http.send(HttpRequest.newBuilder().header("Accept", "application/json;q=0.2, text/csv")
                .GET(), "/api/v1/reports/usage?" + MAY_AND_JUNE);
        assertThat(csvPreferred.contentType()).startsWith("text/csv");
    }

    @Test
    void a_type_the_report_is_not_written_in_is_406_naming_those_it_is() {
        Answer answer = http.send(HttpRequest.newBuilder().header("Accept", "application/pdf").GET(),
                "/api/v1/reports/usage?" + MAY_AND_JUNE);

        assertThat(answer.status()).as(answer.text()).isEqualTo(406);
        assertThat(answer.text()).contains("text/csv").contains("application/json");
    }

    @Test
    void bad_bounds_and_formats_are_problems_naming_the_parameter() {
        assertProblem("from=2043-13&to=2043-06", "from");
        assertProblem("from=2043-05&to=next-month", "to");
        assertProblem("from=2043-05&to=2043-04", "to");
        assertProblem("to=2043-06", "from");
        assertProblem(MAY_AND_JUNE + "&knownAt=yesterday", "knownAt");
        assertProblem(MAY_AND_JUNE + "&format=xlsx", "format");
        assertProblem(MAY_AND_JUNE + "&groupBy=cluster", "groupBy");
        assertProblem("from=1999-12&to=2043-06", "from");
    }

    private void assertProblem(String query, String parameter) {
        Answer answer = http.get("/api/v1/reports/usage?" + query);
        assertThat(answer.status()).as(query + ": " + answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).as(query).startsWith(parameter + " ");
    }

    /** The row of this test's pool. */
    private static JsonNode ours(JsonNode report) {
        return report.get("rows").findParents("pool").stream().filter(row -> row.get("pool").asText().equals(POOL))
                .findFirst().orElseThrow(() -> new AssertionError("no row of pool " + POOL + " in " + report));
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer;
    }
}
