package eu.gpuledger.server.slice;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's vertical slice over HTTP against PostgreSQL: a pool and a project, a grant, one consumption,
 * the balance view, and the allocation in the usage report.
 */
@LedgerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SliceOverHttpTest extends OverHttp {

    @Test
    void a_grant_and_one_consumption_show_in_the_balance_view_and_the_usage_report(CapturedOutput output) {
        assertThat(http.put("/api/v1/providers/idris", """
                {"name": "IDRIS", "kind": "PUBLIC", "euroHpcHosted": false}""").status()).isEqualTo(200);
        assertThat(http.put("/api/v1/clusters/jean-zay", """
                {"providerId": "idris", "timeZone": "Europe/Paris"}""").status()).isEqualTo(200);
        assertThat(http.put("/api/v1/pools/jz-h100", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p6", "gpuModel": "H100",
                 "gpusPerNode": 4, "cpusPerNode": 96, "charged": true}""").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/pools/jz-h100/factors", """
                {"effectiveFrom": "2026-01-01T00:00:00Z", "normalisedPerGpuHour": 4}""").status()).isEqualTo(200);
        assertThat(http.put("/api/v1/projects/2026-AD011016000", """
                {"title": "Protein folding at scale", "principalInvestigator": "A. Martin", "organisation": "CNRS",
                 "audience": "ACADEMIC", "sector": "life sciences", "accessMode": "GENCI_DYNAMIC"}""").status()).isEqualTo(200);

        Answer granted = http.post("/api/v1/allocations", """
                {"allocationId": "alloc-1", "projectId": "2026-AD011016000", "poolId": "jz-h100",
                 "fundingSource": "GENCI", "gpuHours": 1000, "periodStart": "2026-10-01T00:00:00Z",
                 "periodEnd": "2027-10-01T00:00:00Z", "schedulerAccount": "nxk@h100"}""");
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);

        Answer imported = http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:4242", "providerId": "idris", "cluster": "jean-zay", "jobId": "4242",
                  "account": "nxk@h100", "partition": "gpu_p6", "user": "amartin", "gpus": 2,
                  "start": "2026-10-02T10:00:00Z", "end": "2026-10-02T11:00:00Z", "elapsedSeconds": 3600}]""");
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.body().get("accepted").asLong()).isEqualTo(1);
        assertThat(imported.body().get("chargedGpuSeconds").asLong()).isEqualTo(7200);

        Answer balance = http.await("/api/v1/allocations/alloc-1",
                answer -> answer.status() == 200 && answer.body().at("/consumed/gpuSeconds").asLong() == 7200);
        assertThat(balance.body().at("/granted/gpuSeconds").asLong()).isEqualTo(3_600_000);
        assertThat(balance.body().at("/consumed/gpuSeconds").asLong()).isEqualTo(7200);
        assertThat(balance.body().at("/balance/gpuSeconds").asLong()).isEqualTo(3_600_000 - 7200);
        assertThat(balance.body().at("/balance/gpuHours").decimalValue()).isEqualByComparingTo("998.00");
        assertThat(balance.body().get("state").asText()).isEqualTo("ACTIVE");

        String reportPath = "/api/v1/reports/usage?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&groupBy=project,pool";
        Answer report = http.await(reportPath, answer -> rowOf(answer, "2026-AD011016000") != null
                && rowOf(answer, "2026-AD011016000").get("consumedGpuSeconds").asLong() == 7200);
        JsonNode row = rowOf(report, "2026-AD011016000");
        assertThat(row).as(report.text()).isNotNull();
        assertThat(row.get("pool").asText()).isEqualTo("jz-h100");
        assertThat(row.get("consumedGpuHours").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(row.get("normalisedConsumedGpuHours").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(row.get("grantedGpuHours").decimalValue()).isEqualByComparingTo("1000.00");

        assertThat(output.getAll()).doesNotContainIgnoringCase("axonserver").doesNotContain("8124");
    }

    /** The report row of one project (the test context, and so its database, is shared with other tests). */
    private static JsonNode rowOf(Answer report, String projectId) {
        for (JsonNode row : report.body().get("rows")) {
            if (row.get("project").asText().equals(projectId)) {
                return row;
            }
        }
        return null;
    }

    /** A project no other test of the shared database registers (another test's project is "p"). */
    @Test
    void bad_input_is_a_problem_that_names_the_field() {
        Answer answer = http.post("/api/v1/allocations", """
                {"allocationId": "alloc-x", "projectId": "slice-no-such-project", "poolId": "q",
                 "fundingSource": "GENCI", "gpuHours": 1, "periodStart": "2026-10-01T00:00:00Z",
                 "periodEnd": "2027-10-01T00:00:00Z"}""");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("detail").asText()).contains("projectId");
        // input malformed whatever the ledger holds is refused at the edge, before the grant's rules are asked
        Answer inexact = http.post("/api/v1/allocations", """
                {"allocationId": "alloc-x", "projectId": "slice-no-such-project", "poolId": "q",
                 "fundingSource": "GENCI", "gpuHours": 1.00001, "periodStart": "2026-10-01T00:00:00Z",
                 "periodEnd": "2027-10-01T00:00:00Z"}""");
        assertThat(inexact.status()).isEqualTo(400);
        assertThat(inexact.body().get("detail").asText()).contains("gpuHours");

        Answer noBody = http.put("/api/v1/projects/p-1", """
                {"title": "t", "principalInvestigator": "pi", "organisation": "o", "audience": "STUDENTS",
                 "sector": "s", "accessMode": "PAID"}""");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.body().get("detail").asText()).contains("audience");
        assertThat(noBody.body().get("type").asText()).endsWith("/invalid-input");
    }
}
