package eu.gpuledger.server.statement;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EuroHPC JU billing statement of a hosting provider over HTTP (issue 14). Each test has its own provider: a
 * EuroHPC-hosted system whose JU share is 1% of one pool of one node of one GPU, so 7.2 GPU-hours in September 2026
 * (30 days × 24 h × 1 GPU × 1%), and the paid-use cap 20% of that, 1.44 GPU-hours. The JU funds a research project
 * (AI Factory access) and a company's project in paid access; GENCI funds a third on the same pool. The JU's rate
 * changes on 16 September, from 1.00 to 1.50 EUR per GPU-hour; the pool's factor is 2.
 */
@LedgerIntegrationTest
class BillingStatementsOverHttpTest extends OverHttp {

    private static final long HOUR = 3600;
    private static final String SEPTEMBER = "2026-09";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String provider = "ju-host-" + run;
    private final String cluster = "alice-" + run;
    private final String pool = "al-h100-" + run;
    private final String research = "2026-JU-" + run + "-R";
    private final String company = "2026-JU-" + run + "-C";
    private final String national = "2026-JU-" + run + "-G";

    @BeforeEach
    void aHostingProviderWithJuFundedUsageInSeptember() {
        Catalogue.ok(http.put("/api/v1/providers/" + provider, """
                {"name": "TGCC (CEA), Alice %s", "kind": "PUBLIC", "euroHpcHosted": true, "juSharePercent": 1}"""
                .formatted(run)));
        Catalogue.ok(http.put("/api/v1/clusters/" + cluster, """
                {"providerId": "%s", "timeZone": "UTC"}""".formatted(provider)));
        Catalogue.ok(http.put("/api/v1/pools/" + pool, """
                {"providerId": "%s", "cluster": "%s", "partition": "h100", "gpuModel": "H100", "gpusPerNode": 1,
                 "cpusPerNode": 8, "nodes": 1, "charged": true}""".formatted(provider, cluster)));
        Catalogue.ok(http.post("/api/v1/pools/" + pool + "/factors", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 2}"""));
        Catalogue.ok(http.post("/api/v1/rates", """
                {"rateId": "ju-%s-1", "funder": "EUROHPC_JU", "poolId": "%s", "effectiveFrom": "2020-01-01T00:00:00Z",
                 "eurPerGpuHour": "1.00"}""".formatted(run, pool)));
        Catalogue.ok(http.post("/api/v1/rates", """
                {"rateId": "ju-%s-2", "funder": "EUROHPC_JU", "poolId": "%s", "effectiveFrom": "2026-09-16T00:00:00Z",
                 "eurPerGpuHour": "1.50"}""".formatted(run, pool)));
        project(research, "EUROHPC_AI_FACTORY", "ACADEMIC", "Inria");
        project(company, "PAID", "LARGE_COMPANY", "Aéro SA");
        project(national, "AR", "ACADEMIC", "CNRS");
        grant("ju-r-" + run, research, "EUROHPC_JU", "r" + run);
        grant("ju-c-" + run, company, "EUROHPC_JU", "c" + run);
        grant("genci-" + run, national, "GENCI", "g" + run);
        usage(job("r1", "r" + run, 2 * HOUR, "2026-09-10T12:00:00Z"), job("r2", "r" + run, 3 * HOUR,
                        "2026-09-20T12:00:00Z"), job("c1", "c" + run, HOUR, "2026-09-05T12:00:00Z"),
                job("g1", "g" + run, 5 * HOUR, "2026-09-07T12:00:00Z"));
    }

    private void project(String projectId, String accessMode, String audience, String organisation) {
        Catalogue.ok(http.put("/api/v1/projects/" + projectId, """
                {"title": "Project %s", "principalInvestigator": "P. I.", "organisation": "%s",
                 "audience": "%s", "sector": "ai", "accessMode": "%s"}"""
                .formatted(projectId, organisation, audience, accessMode)));
    }

    private void grant(String allocationId, String projectId, String funder, String account) {
        Catalogue.ok(http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "%s", "poolId": "%s", "fundingSource": "%s", "gpuHours": 1000,
                 "periodStart": "2026-08-01T00:00:00Z", "periodEnd": "2027-08-01T00:00:00Z",
                 "schedulerAccount": "%s@h100"}""".formatted(allocationId, projectId, pool, funder, account)));
    }

    private String job(String jobId, String account, long elapsedSeconds, String end) {
        return """
                {"recordId": "%s:%s", "cluster": "%s", "jobId": "%s", "account": "%s@h100", "partition": "h100",
                 "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": %d}"""
                .formatted(cluster, jobId, cluster, jobId, account, end, elapsedSeconds);
    }

    private void usage(String... jobs) {
        Answer imported = Catalogue.ok(http.post("/api/v1/usage/records", "[" + String.join(",", jobs) + "]"));
        assertThat(imported.body().get("accepted").asInt()).as(imported.text()).isEqualTo(jobs.length);
    }

    private Answer draft(String statementId, String period) {
        return http.post("/api/v1/statements", """
                {"statementId": "%s", "funder": "EUROHPC_JU", "kind": "BILLING", "period": "%s", "providerId": "%s"}"""
                .formatted(statementId, period, provider));
    }

    private JsonNode content(String statementId) {
        Answer drafted = draft(statementId, SEPTEMBER);
        assertThat(drafted.status()).as(drafted.text()).isEqualTo(200);
        return drafted.body().get("content");
    }

    @Test
    void a_line_per_ju_funded_allocation_and_rate_version_in_force_naming_that_version() {
        JsonNode content = content("ju-lines-" + run);

        List<String> lines = new ArrayList<>();
        content.get("lines").forEach(line -> lines.add(line.get("line").asInt() + " "
                + line.get("allocationId").asText() + " " + line.at("/rate/rateId").asText() + " "
                + line.at("/rate/effectiveFrom").asText() + " " + line.at("/usage/gpuSeconds").asLong() + " "
                + line.at("/normalised/normalisedGpuHours").asText() + " " + line.get("amountEur").asText()));
        assertThat(lines).as("the research allocation's line splits where the rate changes; GENCI's is not billed")
                .containsExactly(
                        "1 ju-c-" + run + " ju-" + run + "-1 2020-01-01T00:00:00Z " + HOUR + " 2.00 1.00",
                        "2 ju-r-" + run + " ju-" + run + "-1 2020-01-01T00:00:00Z " + 2 * HOUR + " 4.00 2.00",
                        "3 ju-r-" + run + " ju-" + run + "-2 2026-09-16T00:00:00Z " + 3 * HOUR + " 6.00 4.50");
        JsonNode first = content.at("/lines/0");
        assertThat(first.get("accessMode").asText()).isEqualTo("PAID");
        assertThat(first.get("audience").asText()).isEqualTo("LARGE_COMPANY");
        assertThat(first.get("poolId").asText()).isEqualTo(pool);
        assertThat(first.get("projectId").asText()).isEqualTo(company);
        assertThat(content.at("/lines/2/from").asText()).as("the part of the period the version was in force")
                .isEqualTo("2026-09-16T00:00:00Z");
        assertThat(content.at("/totals/amountEur").asText()).as("the sum of the lines as printed").isEqualTo("7.50");
        assertThat(content.at("/totals/usage/gpuSeconds").asLong()).isEqualTo(6 * HOUR);
        assertThat(content.at("/seller/id").asText()).isEqualTo(provider);
        assertThat(content.at("/buyer/id").asText()).isEqualTo("EUROHPC_JU");
        assertThat(content.at("/juShare/capacity/gpuSeconds").asLong()).as("1 GPU × 30 days")
                .isEqualTo(30 * 24 * HOUR);
        assertThat(content.at("/juShare/juShare/gpuHours").asText()).isEqualTo("7.20");
        assertThat(content.at("/juShare/juUsage/gpuSeconds").asLong()).isEqualTo(6 * HOUR);
        assertThat(content.at("/juShare/juShareExceeded").asBoolean()).isFalse();
        assertThat(content.at("/juShare/paidUseCap/gpuHours").asText()).isEqualTo("1.44");
        assertThat(content.at("/juShare/paidUse/gpuSeconds").asLong()).isEqualTo(HOUR);
        assertThat(content.at("/juShare/paidUseCapExceeded").asBoolean()).isFalse();
    }

    @Test
    void ju_funded_usage_above_the_ju_share_of_the_machine_s_capacity_is_flagged() {
        usage(job("r3", "r" + run, 3 * HOUR / 2, "2026-09-25T12:00:00Z"));

        JsonNode share = content("ju-over-" + run).get("juShare");

        assertThat(share.at("/juUsage/gpuSeconds").asLong()).as("7.5 GPU-hours against a share of 7.2")
                .isEqualTo(15 * HOUR / 2);
        assertThat(share.get("juShareExceeded").asBoolean()).isTrue();
        assertThat(share.get("paidUseCapExceeded").asBoolean()).isFalse();
    }

    @Test
    void paid_use_above_20_percent_of_the_ju_share_is_flagged() {
        usage(job("c2", "c" + run, HOUR / 2, "2026-09-06T12:00:00Z"));

        JsonNode share = content("ju-paid-" + run).get("juShare");

        assertThat(share.at("/paidUse/gpuSeconds").asLong()).as("1.5 GPU-hours against a cap of 1.44")
                .isEqualTo(3 * HOUR / 2);
        assertThat(share.get("paidUseCapExceeded").asBoolean()).isTrue();
        assertThat(share.get("juShareExceeded").asBoolean()).as("6.5 GPU-hours, within the share").isFalse();
    }

    @Test
    void the_csv_has_a_row_per_line_and_measure_and_a_total() {
        Catalogue.ok(draft("ju-csv-" + run, SEPTEMBER));

        Answer csv = http.get("/api/v1/statements/ju-csv-" + run + "?format=csv");

        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        List<String> rows = csv.text().lines().toList();
        assertThat(rows.get(0)).isEqualTo("statementId,number,funder,period,providerId,projectId,row,line,"
                + "allocationId,lineProjectId,accessMode,audience,poolId,rateId,rateEffectiveFrom,rateUnit,eurPerHour,"
                + "from,to,gpuSeconds,gpuHours,normalisedGpuSeconds,normalisedGpuHours,amountEur,adjustsStatementId,"
                + "adjustsNumber,adjustsPeriod,adjustsLine,limitGpuSeconds,limitGpuHours,exceeded");
        assertThat(rows).hasSize(1 + 3 + 2 + 1);
        assertThat(rows.get(3)).contains(",LINE,3,ju-r-" + run + ",", ",ju-" + run + "-2,", ",10800,3.00,21600,6.00,4.50,");
        assertThat(rows.get(4)).contains(",JU_SHARE,").endsWith(",25920,7.20,false");
        assertThat(rows.get(5)).contains(",PAID_USE_CAP,").endsWith(",5184,1.44,false");
        assertThat(rows.get(6)).contains(",TOTAL,").contains(",21600,6.00,43200,12.00,7.50,");
    }

    /**
     * Issue 14's late-usage test: an issued statement regenerates to the same bytes and hash in JSON and CSV after a
     * late record of its period is imported; the next period's statement carries it as an adjustment line naming the
     * original statement's number and its line for the same allocation and rate version.
     */
    @Test
    void late_usage_of_an_issued_period_is_an_adjustment_line_on_the_next_statement_naming_the_original() {
        Catalogue.ok(draft("ju-sep-" + run, SEPTEMBER));
        Answer issued = http.post("/api/v1/statements/ju-sep-" + run + "/issue", "");
        assertThat(issued.status()).as(issued.text()).isEqualTo(200);
        String number = issued.body().at("/statement/number").asText();
        String hash = issued.body().at("/statement/contentSha256").asText();
        byte[] json = bytes(http.get("/api/v1/statements/ju-sep-" + run));
        byte[] csv = bytes(http.get("/api/v1/statements/ju-sep-" + run + "?format=csv"));

        usage(job("late", "r" + run, HOUR, "2026-09-12T08:00:00Z"));

        Answer again = http.get("/api/v1/statements/ju-sep-" + run);
        assertThat(again.text().getBytes(StandardCharsets.UTF_8)).as("the same JSON bytes").isEqualTo(json);
        assertThat(again.headers().firstValue("Statement-Content-SHA256")).contains(hash);
        assertThat(bytes(http.get("/api/v1/statements/ju-sep-" + run + "?format=csv"))).as("the same CSV bytes")
                .isEqualTo(csv);
        Answer october = draft("ju-oct-" + run, "2026-10");
        assertThat(october.status()).as(october.text()).isEqualTo(200);
        JsonNode content = october.body().get("content");
        assertThat(content.get("lines")).as("no usage in October").isEmpty();
        assertThat(content.get("adjustments")).hasSize(1);
        JsonNode adjustment = content.at("/adjustments/0");
        assertThat(adjustment.at("/adjusts/number").asText()).isEqualTo(number);
        assertThat(adjustment.at("/adjusts/statementId").asText()).isEqualTo("ju-sep-" + run);
        assertThat(adjustment.at("/adjusts/period").asText()).isEqualTo(SEPTEMBER);
        assertThat(adjustment.at("/adjusts/line").asInt()).as("September's line of the research allocation at the"
                + " first rate").isEqualTo(2);
        assertThat(adjustment.get("allocationId").asText()).isEqualTo("ju-r-" + run);
        assertThat(adjustment.at("/rate/rateId").asText()).isEqualTo("ju-" + run + "-1");
        assertThat(adjustment.at("/usage/gpuSeconds").asLong()).isEqualTo(HOUR);
        assertThat(adjustment.get("amountEur").asText()).isEqualTo("1.00");
        assertThat(content.at("/totals/adjustmentsAmountEur").asText()).isEqualTo("1.00");
        assertThat(content.at("/totals/amountEur").asText()).isEqualTo("1.00");
        assertThat(content.at("/juShare/juUsage/gpuSeconds").asLong()).as("an adjustment is not October's usage")
                .isZero();
        String octoberCsv = http.get("/api/v1/statements/ju-oct-" + run + "?format=csv").text();
        assertThat(octoberCsv.lines().filter(row -> row.contains(",ADJUSTMENT,")).toList()).singleElement()
                .asString().contains(",ju-sep-" + run + "," + number + "," + SEPTEMBER + ",2,");
    }

    /**
     * A late entry is carried once: by the first statement of a later period drawn up after it was recorded. October,
     * issued after the first late job, carries it; November carries only the job recorded after October's issue, and
     * names September, the period it belongs to, with a refund of September's usage as a negative line.
     */
    @Test
    void a_late_entry_is_carried_by_one_later_statement_only() {
        Catalogue.ok(draft("ju-sep1-" + run, SEPTEMBER));
        String september = issue("ju-sep1-" + run).at("/statement/number").asText();
        usage(job("late1", "r" + run, HOUR, "2026-09-12T08:00:00Z"));
        Catalogue.ok(draft("ju-oct1-" + run, "2026-10"));
        JsonNode october = issue("ju-oct1-" + run).get("content");
        assertThat(october.get("adjustments")).hasSize(1);

        usage(job("late2", "r" + run, 2 * HOUR, "2026-09-18T08:00:00Z"));
        Catalogue.ok(http.post("/api/v1/usage/" + cluster + ":c1/refunds", """
                {"refundId": "rf-%s", "gpuSeconds": 1800, "reason": "node failure"}""".formatted(run)));
        Answer november = draft("ju-nov1-" + run, "2026-11");

        assertThat(november.status()).as(november.text()).isEqualTo(200);
        List<String> adjustments = new ArrayList<>();
        november.body().at("/content/adjustments").forEach(line -> adjustments.add(
                line.at("/adjusts/number").asText() + " line " + line.at("/adjusts/line").asText() + " "
                        + line.get("allocationId").asText() + " " + line.at("/usage/gpuSeconds").asLong() + " "
                        + line.get("amountEur").asText()));
        assertThat(adjustments).as("not late1 again; late2 at the second rate; the refund of the company's job")
                .containsExactly(
                        september + " line 1 ju-c-" + run + " -1800 -0.50",
                        september + " line 3 ju-r-" + run + " " + 2 * HOUR + " 3.00");
        assertThat(november.body().at("/content/totals/amountEur").asText()).isEqualTo("2.50");
    }

    private JsonNode issue(String statementId) {
        Answer issued = http.post("/api/v1/statements/" + statementId + "/issue", "");
        assertThat(issued.status()).as(issued.text()).isEqualTo(200);
        return issued.body();
    }

    @Test
    void a_ju_billing_statement_is_refused_for_a_provider_the_ju_does_not_co_fund() {
        Catalogue.ok(http.put("/api/v1/providers/plain-" + run, """
                {"name": "Plain %s", "kind": "PUBLIC", "euroHpcHosted": false}""".formatted(run)));

        Answer refused = http.post("/api/v1/statements", """
                {"statementId": "ju-plain-%s", "funder": "EUROHPC_JU", "period": "%s", "providerId": "plain-%s"}"""
                .formatted(run, SEPTEMBER, run));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.body().get("detail").asText()).contains("plain-" + run);
    }

    private static byte[] bytes(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.text().getBytes(StandardCharsets.UTF_8);
    }
}
