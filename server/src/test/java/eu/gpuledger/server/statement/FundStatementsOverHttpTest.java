package eu.gpuledger.server.statement;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fund statements over HTTP (issue 14): an allocation with every kind of movement in the current month (grant before
 * it, supplement, two jobs on its days, a refund, a transfer out), drafted, issued, regenerated after late usage,
 * cancelled by a credit note; and gap-free numbers under concurrent issues. Each test names its own allocations,
 * as the database is shared with other tests.
 */
@LedgerIntegrationTest
class FundStatementsOverHttpTest extends OverHttp {

    private static final long HOUR = 3600;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final YearMonth month = YearMonth.now(ZoneOffset.UTC);
    private final Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private final Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    /** Jobs end inside the month and before now, whatever day of the month the test runs. */
    private final Instant jobsEnd = latest(monthStart.plusSeconds(120), Instant.now().minus(2, ChronoUnit.MINUTES));

    private String allocation;
    private String account;

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @BeforeEach
    void anAllocationWithEveryMovementThisMonth() {
        Catalogue.idrisWithA100AndV100(http);
        allocation = "st-" + run;
        account = "st" + run + "@a100";
        Instant periodStart = monthStart.minus(40, ChronoUnit.DAYS);
        Instant periodEnd = monthStart.plus(300, ChronoUnit.DAYS);
        Catalogue.grant(http, allocation, "jz-a100", 100, periodStart.toString(), periodEnd.toString(), account);
        Catalogue.grant(http, allocation + "-target", "jz-a100", 10, periodStart.toString(), periodEnd.toString(),
                "stt" + run + "@a100");
        Catalogue.ok(http.post("/api/v1/allocations/" + allocation + "/supplements", """
                {"supplementId": "sup-%s", "gpuHours": 10, "reason": "session B"}""".formatted(run)));
        Catalogue.ok(http.post("/api/v1/usage/records", "[" + job("j1", 2 * HOUR, jobsEnd) + ","
                + job("j2", HOUR, jobsEnd) + "]"));
        Catalogue.ok(http.post("/api/v1/usage/jean-zay:" + run + "-j1/refunds", """
                {"refundId": "ref-%s", "gpuSeconds": 1800, "reason": "node failure"}""".formatted(run)));
        Catalogue.ok(http.post("/api/v1/transfers", """
                {"transferId": "tr-%s", "fromAllocationId": "%s", "toAllocationId": "%s-target", "gpuHours": 5,
                 "reason": "rebalancing"}""".formatted(run, allocation, allocation)));
    }

    private String job(String jobId, long elapsedSeconds, Instant end) {
        return """
                {"recordId": "jean-zay:%s-%s", "cluster": "jean-zay", "jobId": "%s-%s", "account": "%s",
                 "partition": "gpu_p5", "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": %d}"""
                .formatted(run, jobId, run, jobId, account, end, elapsedSeconds);
    }

    private Answer draft(String statementId, String funder, String subject) {
        return http.post("/api/v1/statements", """
                {"statementId": "%s", "funder": "%s", "kind": "FUND", "period": "%s"%s}"""
                .formatted(statementId, funder, month, subject));
    }

    @Test
    void a_fund_statement_lists_each_credit_and_debit_between_its_balances_and_reconciles_to_the_balance_view() {
        Answer drafted = draft("fund-" + run, "GENCI", ", \"allocationId\": \"" + allocation + "\"");

        assertThat(drafted.status()).as(drafted.text()).isEqualTo(200);
        JsonNode statement = drafted.body().get("statement");
        assertThat(statement.get("state").asText()).isEqualTo("DRAFT");
        assertThat(statement.get("number").isNull()).isTrue();
        JsonNode section = drafted.body().at("/content/allocations/0");
        assertThat(drafted.body().at("/content/allocations").size()).isEqualTo(1);
        assertThat(section.get("allocationId").asText()).isEqualTo(allocation);
        assertThat(section.at("/opening/gpuSeconds").asLong()).as("the grant, effective at its period's start")
                .isEqualTo(100 * HOUR);
        assertThat(section.at("/credits/gpuSeconds").asLong()).as("supplement and refund")
                .isEqualTo(10 * HOUR + 1800);
        assertThat(section.at("/debits/gpuSeconds").asLong()).as("two jobs and a transfer out")
                .isEqualTo(3 * HOUR + 5 * HOUR);
        assertThat(section.at("/closing/gpuSeconds").asLong()).isEqualTo(100 * HOUR + 10 * HOUR + 1800 - 8 * HOUR);
        assertThat(section.at("/closing/gpuHours").asText()).isEqualTo("102.50");
        List<String> movements = new ArrayList<>();
        section.get("lines").forEach(line -> movements.add(line.get("movement").asText() + " "
                + line.get("direction").asText()));
        assertThat(movements).containsExactlyInAnyOrder("SUPPLEMENTED CREDIT", "CONSUMED DEBIT", "REFUNDED CREDIT",
                "TRANSFERRED_OUT DEBIT");
        JsonNode consumed = lineOf(section, "CONSUMED");
        assertThat(consumed.get("entries").asLong()).as("one journal entry: both jobs came in one import")
                .isEqualTo(1);
        assertThat(consumed.get("effective").asText()).as("consumption is summed per day")
                .isEqualTo(jobsEnd.atZone(ZoneOffset.UTC).toLocalDate().toString());
        JsonNode last = section.get("lines").get(section.get("lines").size() - 1);
        assertThat(last.at("/balance/gpuSeconds").asLong()).isEqualTo(section.at("/closing/gpuSeconds").asLong());

        Answer view = http.get("/api/v1/allocations/" + allocation + "?asOf=" + monthEnd.minusMillis(1));
        assertThat(view.status()).as(view.text()).isEqualTo(200);
        assertThat(view.body().at("/balance/gpuSeconds").asLong()).as("the balance view at the period's end")
                .isEqualTo(section.at("/closing/gpuSeconds").asLong());
    }

    @Test
    void an_issued_statement_regenerates_to_the_same_bytes_and_hash_whatever_usage_arrives_late() throws Exception {
        Catalogue.ok(draft("late-" + run, "GENCI", ", \"allocationId\": \"" + allocation + "\""));

        Answer issued = http.post("/api/v1/statements/late-" + run + "/issue", "");

        assertThat(issued.status()).as(issued.text()).isEqualTo(200);
        JsonNode statement = issued.body().get("statement");
        assertThat(statement.get("state").asText()).isEqualTo("ISSUED");
        assertThat(statement.get("number").asText()).matches("GENCI-\\d{4}-\\d{6}");
        assertThat(statement.get("issuedBy").asText()).as("the issuer's principal").isNotBlank().isNotEqualTo("ledger");
        assertThat(statement.get("knownAt").asText()).isEqualTo(statement.get("issuedAt").asText());
        String hash = statement.get("contentSha256").asText();
        assertThat(hash).as("the SHA-256 of the content's canonical form, as sent")
                .isEqualTo(sha256(canonicalContent(issued.text())));
        assertThat(issued.headers().firstValue("Statement-Content-SHA256")).contains(hash);
        byte[] json = bytes(http.get("/api/v1/statements/late-" + run));
        byte[] csv = bytes(http.get("/api/v1/statements/late-" + run + "?format=csv"));
        assertThat(json).isEqualTo(issued.text().getBytes(StandardCharsets.UTF_8));

        Catalogue.ok(http.post("/api/v1/usage/records", "[" + job("late", 4 * HOUR, jobsEnd) + "]"));

        assertThat(bytes(http.get("/api/v1/statements/late-" + run))).as("the same JSON bytes").isEqualTo(json);
        assertThat(bytes(http.get("/api/v1/statements/late-" + run + "?format=csv"))).as("the same CSV bytes")
                .isEqualTo(csv);
        Answer accepted = http.send(HttpRequest.newBuilder().GET().header("Accept", "text/csv"),
                "/api/v1/statements/late-" + run);
        assertThat(accepted.text().getBytes(StandardCharsets.UTF_8)).as("CSV by Accept").isEqualTo(csv);
        Answer reissued = http.post("/api/v1/statements/late-" + run + "/issue", "");
        assertThat(reissued.text().getBytes(StandardCharsets.UTF_8)).as("issuing again answers the first issue")
                .isEqualTo(json);
        Answer newDraft = draft("after-late-" + run, "GENCI", ", \"allocationId\": \"" + allocation + "\"");
        assertThat(newDraft.body().at("/content/allocations/0/debits/gpuSeconds").asLong())
                .as("a draft drawn up now sees the late job").isEqualTo(12 * HOUR);
    }

    @Test
    void the_csv_has_a_fixed_header_a_row_per_balance_and_line_and_a_total() {
        Catalogue.ok(draft("csv-" + run, "GENCI", ", \"allocationId\": \"" + allocation + "\""));

        Answer csv = http.get("/api/v1/statements/csv-" + run + "?format=csv");

        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("statementId,number,funder,period,allocationId,projectId,poolId,row,"
                + "effective,movement,entries,creditGpuSeconds,debitGpuSeconds,balanceGpuSeconds,creditGpuHours,"
                + "debitGpuHours,balanceGpuHours");
        assertThat(lines).hasSize(1 + 1 + 4 + 1 + 1);
        assertThat(lines.get(1)).contains(",OPENING,").endsWith("," + 100 * HOUR + ",,,100.00");
        assertThat(lines.get(6)).contains(",CLOSING,").endsWith(",37800,28800,369000,10.50,8.00,102.50");
        assertThat(lines.get(7)).startsWith("csv-" + run + ",,GENCI," + month + ",,,,TOTAL,");
    }

    @Test
    void a_credit_note_cancels_an_issued_statement_by_name_and_the_statement_itself_stays_as_issued() {
        Catalogue.ok(draft("cn-" + run, "GENCI", ", \"allocationId\": \"" + allocation + "\""));
        Answer draftCredit = http.post("/api/v1/statements/cn-" + run + "/credit-note", """
                {"creditNoteId": "cn-draft-%s", "reason": "typo"}""".formatted(run));
        assertThat(draftCredit.status()).as(draftCredit.text()).isEqualTo(422);
        byte[] issued = bytes(http.post("/api/v1/statements/cn-" + run + "/issue", ""));

        Answer cancelled = http.post("/api/v1/statements/cn-" + run + "/credit-note", """
                {"creditNoteId": "cn-1-%s", "reason": "wrong allocation"}""".formatted(run));

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().at("/creditNote/creditNoteId").asText()).isEqualTo("cn-1-" + run);
        assertThat(cancelled.body().at("/creditNote/reason").asText()).isEqualTo("wrong allocation");
        assertThat(bytes(http.get("/api/v1/statements/cn-" + run))).isEqualTo(issued);
        Answer second = http.post("/api/v1/statements/cn-" + run + "/credit-note", """
                {"creditNoteId": "cn-2-%s", "reason": "again"}""".formatted(run));
        assertThat(second.status()).as(second.text()).isEqualTo(409);
        assertThat(http.get("/api/v1/statements?state=CANCELLED&funder=GENCI&limit=1000").body().get("items"))
                .anySatisfy(item -> assertThat(item.get("statementId").asText()).isEqualTo("cn-" + run));
        JsonNode listed = http.get("/api/v1/statements?statementId=cn-" + run).body().get("items");
        assertThat(listed).as("the list of that one statement, with its state and credit note").hasSize(1);
        assertThat(listed.at("/0/state").asText()).isEqualTo("CANCELLED");
        assertThat(listed.at("/0/creditNote/creditNoteId").asText()).isEqualTo("cn-1-" + run);
        assertThat(http.get("/api/v1/statements?statementId=cn-draft-" + run).body().get("items"))
                .as("a credit note's id is no statement's").isEmpty();
    }

    @Test
    void concurrent_issues_of_one_funder_take_consecutive_numbers_without_gaps() throws Exception {
        int statements = 6;
        for (int index = 0; index < statements; index++) {
            Catalogue.ok(draft("gapless-" + run + "-" + index, "PRIVATE_CONTRACT", ""));
        }
        ExecutorService threads = Executors.newFixedThreadPool(statements);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int index = 0; index < statements; index++) {
                String path = "/api/v1/statements/gapless-" + run + "-" + index + "/issue";
                LedgerHttp client = http;
                answers.add(threads.submit((Callable<Answer>) () -> client.post(path, "")));
            }
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().text()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
        int year = Instant.now().atZone(ZoneOffset.UTC).getYear();
        Set<Integer> sequences = new TreeSet<>();
        http.get("/api/v1/statements?funder=PRIVATE_CONTRACT&limit=1000").body().get("items").forEach(item -> {
            if (!item.get("number").isNull() && item.get("number").asText().startsWith("PRIVATE_CONTRACT-" + year)) {
                assertThat(sequences.add(Integer.parseInt(item.get("number").asText().substring(
                        ("PRIVATE_CONTRACT-" + year + "-").length())))).as("each number once").isTrue();
            }
        });
        assertThat(sequences).hasSizeGreaterThanOrEqualTo(statements);
        assertThat(sequences).as("1, 2, ... n: no gap").containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, sequences.size()).boxed().toList());
    }

    /**
     * An event recorded before the cut-off but committed after the statement was drawn up would change it on its next
     * reading: the issue waits for every transaction that started by its cut-off. Here one stays open (as a command
     * appending events would) until the test ends it; the issue answers only after that.
     */
    @Test
    void an_issue_waits_for_the_transactions_open_at_its_cut_off() throws Exception {
        Catalogue.ok(draft("cutoff-" + run, "GENCI", ", \"allocationId\": \"" + allocation + "\""));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (java.sql.Connection open = jdbc.getDataSource().getConnection()) {
            open.setAutoCommit(false);
            open.createStatement().execute("SELECT 1");
            Future<Answer> issue = thread.submit(() -> http.post("/api/v1/statements/cutoff-" + run + "/issue", ""));
            Thread.sleep(1500);
            assertThat(issue.isDone()).as("the issue waits while a transaction of before its cut-off is open")
                    .isFalse();

            open.commit();

            Answer issued = issue.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(issued.status()).as(issued.text()).isEqualTo(200);
            assertThat(issued.body().at("/statement/state").asText()).isEqualTo("ISSUED");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void a_statement_request_names_what_is_wrong() {
        assertThat(http.post("/api/v1/statements", """
                {"statementId": "bad-%s", "funder": "GENCI", "kind": "FUND", "period": "2026-13"}"""
                .formatted(run)).text()).contains("period");
        Answer billing = http.post("/api/v1/statements", """
                {"statementId": "bill-%s", "funder": "EUROHPC_JU", "period": "2026-Q4", "providerId": "idris"}"""
                .formatted(run));
        assertThat(billing.status()).as(billing.text()).isEqualTo(422);
        assertThat(billing.body().get("type").asText()).as("IDRIS is not EuroHPC-hosted: no JU bill")
                .endsWith("/statement-of-another-funder");
        Answer another = draft("other-" + run, "EUROHPC_JU", ", \"allocationId\": \"" + allocation + "\"");
        assertThat(another.status()).as(another.text()).isEqualTo(422);
        assertThat(another.body().get("type").asText()).endsWith("/statement-of-another-funder");
        assertThat(another.body().get("detail").asText()).contains(allocation, "GENCI");
        Answer unknown = draft("ghost-" + run, "GENCI", ", \"allocationId\": \"no-such-allocation\"");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        Catalogue.ok(draft("format-" + run, "GENCI", ", \"allocationId\": \"" + allocation + "\""));
        Answer docx = http.get("/api/v1/statements/format-" + run + "?format=docx");
        assertThat(docx.status()).as(docx.text()).isEqualTo(400);
        assertThat(docx.body().get("detail").asText()).contains("format");
        assertThat(http.get("/api/v1/statements/no-such-statement").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/statements?limit=0").status()).isEqualTo(400);
    }

    private static JsonNode lineOf(JsonNode section, String movement) {
        for (JsonNode line : section.get("lines")) {
            if (line.get("movement").asText().equals(movement)) {
                return line;
            }
        }
        throw new AssertionError("no " + movement + " line in " + section);
    }

    private static byte[] bytes(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.text().getBytes(StandardCharsets.UTF_8);
    }

    /** The content object of a statement's JSON, whose bytes are canonical: what the hash is of. */
    private static byte[] canonicalContent(String json) {
        int start = json.indexOf("\"content\":") + "\"content\":".length();
        int end = json.lastIndexOf(",\"statement\":");
        return json.substring(start, end).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
