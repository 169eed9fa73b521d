package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scripts/ledger report} and {@code scripts/ledger statement ...} against a running ledger (this test's, on its
 * random port), as a funder's accountant uses them: one allocation of 100 GPU-hours in 2044 on a pool of its own
 * with a 2-hour job in March. The pool and the year are this test's own, as the database is shared with other tests;
 * statement ids are the run's own.
 */
@LedgerIntegrationTest
class StatementAndReportCliTest extends OverHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOCATION = "cli-report-2044";
    private static final String POOL = "jz-cli44";
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path directory;

    @BeforeEach
    void anAllocationWithAJobInMarch2044() {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.ok(http.put("/api/v1/pools/" + POOL, """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_cli44", "gpuModel": "A100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        Catalogue.grant(http, ALLOCATION, POOL, 100, "2044-01-01T00:00:00Z", "2045-01-01T00:00:00Z",
                "clirep44@cli");
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:clirep44-1", "cluster": "jean-zay", "jobId": "clirep44-1",
                  "account": "clirep44@cli", "partition": "gpu_cli44", "user": "u", "gpus": 1,
                  "end": "2044-03-10T12:00:00Z", "elapsedSeconds": 7200}]"""));
    }

    private CliRun ledger(String... arguments) {
        return CliRun.of(Map.of("LEDGER_URL", "http://localhost:" + port, "LEDGER_TOKEN", TestTokens.ADMIN),
                arguments);
    }

    @Test
    void report_prints_the_usage_report_as_json() throws IOException {
        CliRun report = ledger("report", "--from", "2044-03", "--to", "2044-03", "--group-by", "pool,month");

        assertThat(report.exit()).as(report.err()).isZero();
        JsonNode answer = JSON.readTree(report.out());
        assertThat(answer.get("from").asText()).isEqualTo("2044-03-01T00:00:00Z");
        assertThat(answer.get("to").asText()).isEqualTo("2044-04-01T00:00:00Z");
        JsonNode a100 = answer.get("rows").findParents("pool").stream()
                .filter(row -> row.get("pool").asText().equals(POOL)).findFirst().orElseThrow();
        assertThat(a100.get("month").asText()).isEqualTo("2044-03");
        assertThat(a100.get("consumedGpuSeconds").asLong()).isEqualTo(7200);
        assertThat(a100.get("balanceGpuHours").decimalValue()).isEqualByComparingTo("98");
    }

    @Test
    void report_as_csv_to_a_file_is_the_ledgers_csv_byte_for_byte() throws IOException {
        Path file = directory.resolve("march.csv");

        CliRun report = ledger("report", "--from", "2044-03", "--to", "2044-03", "--group-by", "pool", "--format",
                "csv", "--output", file.toString());

        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("bytes written to " + file);
        Answer served = http.get("/api/v1/reports/usage?from=2044-03&to=2044-03&groupBy=pool&format=csv");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(served.text());
        assertThat(Files.readAllLines(file).get(0)).startsWith("pool,grantedGpuHours,consumedGpuHours,");
        assertThat(Files.readAllLines(file)).anySatisfy(line -> assertThat(line)
                .startsWith(POOL + ",100.00,2.00,").contains(",7200,0,"));
    }

    @Test
    void a_report_the_ledger_refuses_prints_its_problem_and_exits_non_zero_writing_no_file() {
        Path file = directory.resolve("never.csv");

        CliRun report = ledger("report", "--from", "2044-13", "--to", "2044-03", "--format", "csv", "--output",
                file.toString());

        assertThat(report.exit()).isEqualTo(LedgerCli.FAILED);
        assertThat(report.err().strip()).startsWith("the ledger refused (400): from must be");
        assertThat(file).doesNotExist();
    }

    @Test
    void a_pdf_is_not_printed_to_the_terminal_and_is_asked_of_the_ledger_into_a_file() {
        CliRun toTerminal = ledger("report", "--from", "2044-03", "--to", "2044-03", "--format", "pdf");
        assertThat(toTerminal.exit()).isEqualTo(LedgerCli.FAILED);
        assertThat(toTerminal.err().strip()).isEqualTo("--format pdf is not text: give --output FILE");

        Path file = directory.resolve("march.pdf");
        CliRun toFile = ledger("report", "--from", "2044-03", "--to", "2044-03", "--format", "pdf", "--output",
                file.toString());
        Answer served = http.get("/api/v1/reports/usage?from=2044-03&to=2044-03&format=pdf");
        if (served.status() == 200) {
            assertThat(toFile.exit()).as(toFile.err()).isZero();
            assertThat(file).exists();
        } else { // the ledger writes no usage report as PDF: the CLI says what the ledger said
            assertThat(toFile.exit()).isEqualTo(LedgerCli.FAILED);
            assertThat(toFile.err()).contains("the ledger refused (" + served.status() + "): "
                    + served.body().get("detail").asText());
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void a_fund_statement_is_drafted_shown_listed_issued_and_cancelled_from_the_command_line() throws IOException {
        String statementId = "cli-" + run;

        CliRun draft = ledger("statement", "draft", statementId, "--funder", "GENCI", "--kind", "FUND", "--period",
                "2044-03", "--allocation", ALLOCATION);
        assertThat(draft.exit()).as(draft.err()).isZero();
        JsonNode drafted = JSON.readTree(draft.out());
        assertThat(drafted.at("/statement/state").asText()).isEqualTo("DRAFT");
        assertThat(drafted.at("/content/allocations/0/debits/gpuSeconds").asLong()).isEqualTo(7200);

        Path csv = directory.resolve(statementId + ".csv");
        CliRun shown = ledger("statement", "show", statementId, "--format", "csv", "--output", csv.toString());
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(Files.readString(csv)).isEqualTo(http.get("/api/v1/statements/" + statementId + "?format=csv")
                .text());

        CliRun issue = ledger("statement", "issue", statementId);
        assertThat(issue.exit()).as(issue.err()).isZero();
        JsonNode issued = JSON.readTree(issue.out());
        assertThat(issued.at("/statement/state").asText()).isEqualTo("ISSUED");
        String number = issued.at("/statement/number").asText();
        assertThat(number).startsWith("GENCI-");

        CliRun listed = ledger("statement", "list", "--funder", "GENCI", "--period", "2044-03");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern(statementId + " +ISSUED +" + number + " +GENCI +FUND +2044-03 +"
                + "allocation=" + ALLOCATION).contains("sha256 " + issued.at("/statement/contentSha256").asText());

        CliRun cancelled = ledger("statement", "credit-note", statementId, "--credit-note-id", "cn-" + run,
                "--reason", "wrong project");
        assertThat(cancelled.exit()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).contains("CANCELLED").contains("credit note cn-" + run)
                .contains("wrong project");

        CliRun listedAsJson = ledger("statement", "list", "--period", "2044-03", "--state", "CANCELLED",
                "--format", "json");
        assertThat(JSON.readTree(listedAsJson.out()).findValuesAsText("statementId")).contains(statementId);
    }

    @Test
    void an_issued_statement_shown_as_pdf_is_written_to_its_file_when_the_ledger_writes_pdf() throws IOException {
        String statementId = "clipdf-" + run;
        assertThat(ledger("statement", "draft", statementId, "--funder", "GENCI", "--kind", "FUND", "--period",
                "2044-03", "--allocation", ALLOCATION).exit()).isZero();
        assumeTrue(http.get("/api/v1/statements/" + statementId + "?format=pdf").status() == 200,
                "this ledger writes no statement as PDF yet");
        Path pdf = directory.resolve(statementId + ".pdf");

        CliRun shown = ledger("statement", "show", statementId, "--format", "pdf", "--output", pdf.toString());

        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void a_statement_the_ledger_does_not_know_is_its_404_problem_and_a_non_zero_exit() {
        CliRun shown = ledger("statement", "show", "no-such-" + run);

        assertThat(shown.exit()).isEqualTo(LedgerCli.FAILED);
        assertThat(shown.err().strip()).startsWith("the ledger refused (404): ").contains("no-such-" + run);
        assertThat(shown.out()).isEmpty();
    }

    @Test
    void a_draft_the_ledger_refuses_prints_the_field_it_named() {
        CliRun draft = ledger("statement", "draft", "bad-" + run, "--funder", "GENCI", "--kind", "FUND",
                "--period", "2044-14", "--allocation", ALLOCATION);

        assertThat(draft.exit()).isEqualTo(LedgerCli.FAILED);
        assertThat(draft.err().strip()).startsWith("the ledger refused (400): period ");
    }

    @Test
    void a_report_format_the_client_does_not_know_is_refused_before_asking_the_ledger() {
        CliRun report = CliRun.of(Map.of("LEDGER_URL", "http://localhost:1"), "report", "--from", "2044-03", "--to",
                "2044-03", "--format", "xlsx");

        assertThat(report.exit()).isEqualTo(LedgerCli.FAILED);
        assertThat(report.err().strip()).isEqualTo("--format 'xlsx' is not json, csv or pdf");
    }

    @Test
    void the_help_names_the_statement_and_report_commands() {
        CliRun help = ledger("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("statement").contains("report");
        CliRun statementHelp = ledger("statement", "--help");
        assertThat(statementHelp.out()).contains("draft").contains("issue").contains("show").contains("list")
                .contains("credit-note");
    }
}
