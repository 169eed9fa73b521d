package eu.gpuledger.server.report;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A funder asks for the usage of a period without grouping it: one row, the totals. The period (March 2041) is this
 * test's own, as the database is shared with other tests: one allocation, two GPU-hours consumed, half an hour
 * refunded.
 */
@LedgerIntegrationTest
class UsageReportTotalsOverHttpTest extends OverHttp {

    private static final String MARCH_2041 = "from=2041-03-01T00:00:00Z&to=2041-04-01T00:00:00Z";
    private static final long CONSUMED_GPU_SECONDS = 2 * 3600;
    private static final long REFUNDED_GPU_SECONDS = 1800;

    @BeforeEach
    void march2041() {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "totals-2041", "jz-a100", 100, "2041-01-01T00:00:00Z", "2042-01-01T00:00:00Z",
                "tot41@a100");
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:tot41-1", "cluster": "jean-zay", "jobId": "tot41-1", "account": "tot41@a100",
                  "partition": "gpu_p5", "user": "u", "gpus": 1, "end": "2041-03-10T12:00:00Z",
                  "elapsedSeconds": %d}]""".formatted(CONSUMED_GPU_SECONDS)));
        Catalogue.ok(http.post("/api/v1/usage/jean-zay:tot41-1/refunds", """
                {"refundId": "tot41-refund", "gpuSeconds": %d, "reason": "node failure"}"""
                .formatted(REFUNDED_GPU_SECONDS)));
        http.await("/api/v1/reports/usage?" + MARCH_2041 + "&groupBy=project", answer -> answer.status() == 200
                && answer.body().get("rows").size() == 1
                && answer.body().at("/rows/0/refundedGpuSeconds").asLong() == REFUNDED_GPU_SECONDS
                && answer.body().at("/rows/0/balanceGpuHours").decimalValue().compareTo(new BigDecimal("98.50")) == 0);
    }

    @Test
    void a_report_without_group_by_is_one_row_of_totals() {
        assertTotals(http.get("/api/v1/reports/usage?" + MARCH_2041));
    }

    @Test
    void a_report_with_an_empty_group_by_is_one_row_of_totals() {
        assertTotals(http.get("/api/v1/reports/usage?" + MARCH_2041 + "&groupBy="));
    }

    @Test
    void a_report_as_csv_without_group_by_is_a_header_and_one_row_of_totals() {
        Answer csv = http.get("/api/v1/reports/usage?" + MARCH_2041 + "&format=csv");

        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        List<String> lines = csv.text().lines().toList();
        assertThat(lines).hasSize(2);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> totals = List.of(lines.get(1).split(",", -1));
        assertThat(header).startsWith("grantedGpuHours").hasSameSizeAs(totals);
        assertThat(totals.get(header.indexOf("grantedGpuHours"))).isEqualTo("100.00");
        assertThat(totals.get(header.indexOf("consumedGpuSeconds"))).isEqualTo(String.valueOf(CONSUMED_GPU_SECONDS));
        assertThat(totals.get(header.indexOf("refundedGpuSeconds"))).isEqualTo(String.valueOf(REFUNDED_GPU_SECONDS));
        assertThat(totals.get(header.indexOf("netConsumedGpuHours"))).isEqualTo("1.50");
        assertThat(totals.get(header.indexOf("allocations"))).isEqualTo("1");
    }

    @Test
    void a_period_without_any_usage_or_grant_still_has_its_row_of_zero_totals() {
        Answer answer = http.get("/api/v1/reports/usage?from=2061-03-01T00:00:00Z&to=2061-04-01T00:00:00Z");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().get("rows")).hasSize(1);
        JsonNode totals = answer.body().at("/rows/0");
        assertThat(totals.get("consumedGpuSeconds").asLong()).isZero();
        assertThat(totals.get("grantedGpuHours").decimalValue()).isEqualByComparingTo("0");
        assertThat(totals.get("allocations").asLong()).isZero();
    }

    @Test
    void the_totals_are_the_sum_of_the_rows_grouped_by_project() {
        JsonNode byProject = http.get("/api/v1/reports/usage?" + MARCH_2041 + "&groupBy=project").body();
        JsonNode totals = http.get("/api/v1/reports/usage?" + MARCH_2041).body().at("/rows/0");

        long consumed = 0;
        for (JsonNode row : byProject.get("rows")) {
            consumed += row.get("consumedGpuSeconds").asLong();
        }
        assertThat(totals.get("consumedGpuSeconds").asLong()).isEqualTo(consumed);
    }

    private static void assertTotals(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().get("groupBy")).isEmpty();
        assertThat(answer.body().get("rows")).as(answer.text()).hasSize(1);
        JsonNode totals = answer.body().at("/rows/0");
        assertThat(totals.get("grantedGpuHours").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(totals.get("consumedGpuSeconds").asLong()).isEqualTo(CONSUMED_GPU_SECONDS);
        assertThat(totals.get("refundedGpuSeconds").asLong()).isEqualTo(REFUNDED_GPU_SECONDS);
        assertThat(totals.get("netConsumedGpuHours").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(totals.get("balanceGpuHours").decimalValue()).isEqualByComparingTo("98.50");
        assertThat(totals.get("allocations").asLong()).isEqualTo(1);
    }
}
