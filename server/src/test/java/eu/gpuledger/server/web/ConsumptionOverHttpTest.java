package eu.gpuledger.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static eu.gpuledger.server.support.Catalogue.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /allocations/{id}/consumption: the cumulative net consumption of an allocation at points of its period, the
 * expected pace there and the notice thresholds, as the console's chart draws them.
 */
@LedgerIntegrationTest
class ConsumptionOverHttpTest extends OverHttp {

    @Test
    void consumption_is_cumulative_net_of_refunds_against_a_linear_expected_pace_and_the_thresholds() {
        Catalogue.idrisWithA100AndV100(http);
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String allocation = "consumption-" + run;
        String account = "cons" + run + "@a100";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant start = today.minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = today.plusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
        Catalogue.grant(http, allocation, "jz-a100", 100, start.toString(), end.toString(), account);
        Instant fiveDaysAgo = start.plus(5, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        job(run + "-1", account, fiveDaysAgo, 3600);      // 8 GPUs (a whole node) × 1 h = 8 GPU-hours
        job(run + "-2", account, Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS), 1800);
        ok(http.post("/api/v1/usage/jean-zay:" + run + "-2/refunds", """
                {"refundId": "r-%s", "gpuSeconds": 3600, "reason": "node failure"}""".formatted(run)));

        JsonNode consumption = ok(http.get("/api/v1/allocations/" + allocation + "/consumption")).body();

        assertThat(consumption.get("strideDays").asLong()).isEqualTo(1);
        assertThat(consumption.get("entitlement").get("gpuSeconds").asLong()).isEqualTo(100 * 3600);
        assertThat(consumption.get("netConsumed").get("gpuSeconds").asLong()).isEqualTo((8 + 4 - 1) * 3600);
        List<Long> thresholds = new ArrayList<>();
        consumption.get("thresholds").forEach(t -> thresholds.add(t.get("at").get("gpuSeconds").asLong()));
        assertThat(thresholds).containsExactly(80L * 3600, 100L * 3600, 125L * 3600);

        JsonNode points = consumption.get("points");
        JsonNode first = points.get(0);
        JsonNode last = points.get(points.size() - 1);
        assertThat(Instant.parse(first.get("at").asText())).isEqualTo(start);
        assertThat(first.get("netConsumed").get("gpuSeconds").asLong()).isZero();
        assertThat(first.get("expected").get("gpuSeconds").asLong()).isZero();
        assertThat(Instant.parse(last.get("at").asText())).isEqualTo(end);
        assertThat(last.has("netConsumed")).as("the future has no consumption yet").isFalse();
        assertThat(last.get("expected").get("gpuSeconds").asLong()).isEqualTo(100 * 3600);
        assertThat(points.size()).as("start, 19 midnights, now and the end").isEqualTo(22);

        JsonNode halfway = point(points, today.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(halfway.get("expected").get("gpuSeconds").asLong()).isEqualTo(50 * 3600);
        assertThat(halfway.get("netConsumed").get("gpuSeconds").asLong()).as("the first job only").isEqualTo(8 * 3600);
        JsonNode beforeFirstJob = point(points, start.plus(5, ChronoUnit.DAYS));
        assertThat(beforeFirstJob.get("netConsumed").get("gpuSeconds").asLong()).isZero();
        JsonNode afterFirstJob = point(points, start.plus(6, ChronoUnit.DAYS));
        assertThat(afterFirstJob.get("netConsumed").get("gpuSeconds").asLong()).isEqualTo(8 * 3600);
        JsonNode now = point(points, Instant.parse(consumption.get("now").asText()));
        assertThat(now.get("netConsumed").get("gpuSeconds").asLong()).isEqualTo(11 * 3600);
    }

    @Test
    void a_long_period_is_drawn_from_a_bounded_number_of_points() {
        Catalogue.idrisWithA100AndV100(http);
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Catalogue.grant(http, "consumption-long-" + run, "jz-v100", 1000, "2030-01-01T00:00:00Z",
                "2040-01-01T00:00:00Z", "long" + run + "@v100");

        JsonNode consumption = ok(http.get("/api/v1/allocations/consumption-long-" + run + "/consumption")).body();

        assertThat(consumption.get("strideDays").asLong()).isEqualTo(10);
        assertThat(consumption.get("points").size()).isBetween(300, 403);
        consumption.get("points").forEach(point -> assertThat(point.has("netConsumed")).isFalse());
    }

    @Test
    void an_unknown_allocation_has_no_consumption() {
        Answer answer = http.get("/api/v1/allocations/no-such-allocation/consumption");
        assertThat(answer.status()).isEqualTo(404);
    }

    private void job(String jobId, String account, Instant end, long elapsedSeconds) {
        ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:%s", "cluster": "jean-zay", "jobId": "%s", "account": "%s",
                  "partition": "gpu_p5", "user": "u", "gpus": 8, "start": "%s", "end": "%s",
                  "elapsedSeconds": %d}]""".formatted(jobId, jobId, account, end.minusSeconds(elapsedSeconds), end,
                elapsedSeconds)));
    }

    private static JsonNode point(JsonNode points, Instant at) {
        for (JsonNode point : points) {
            if (Instant.parse(point.get("at").asText()).equals(at)) {
                return point;
            }
        }
        throw new AssertionError("no point at " + at + " in " + points);
    }
}
