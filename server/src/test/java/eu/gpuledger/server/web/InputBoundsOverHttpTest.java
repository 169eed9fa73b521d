package eu.gpuledger.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of the write requests is bounded (docs/bounds.md): the value at the bound is taken, one past it is a
 * 400 that names the field, and an allocation refuses a movement that would take it past the largest allocation
 * (422). The numbers that once overflowed the books are refused, and the trial balance still balances.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.test.database=input-bounds")
class InputBoundsOverHttpTest extends OverHttp {

    private static final long LARGEST_ALLOCATION_GPU_HOURS = 10_000_000;
    private static final String START = "2026-01-01T00:00:00Z";
    private static final String END = "2027-01-01T00:00:00Z";

    @BeforeEach
    void catalogue() {
        Catalogue.idrisWithA100AndV100(http);
    }

    // ------------------------------------------------------------------------------------------- quantities

    @Test
    void a_grant_of_the_largest_allocation_is_taken_and_one_gpu_hour_more_is_refused_naming_gpuHours() {
        assertThat(grant("largest", LARGEST_ALLOCATION_GPU_HOURS + "", 25).status()).isEqualTo(200);
        assertRefused(grant("past-largest", (LARGEST_ALLOCATION_GPU_HOURS + 1) + "", 25), "gpuHours");
    }

    @Test
    void the_grant_that_once_overflowed_the_books_is_refused_and_the_trial_balance_still_balances() {
        assertRefused(grant("overflowing", "2562047788015215", 25), "gpuHours");
        assertRefused(grant("overflowing", "1e400", 25), "gpuHours");
        assertThat(http.get("/api/v1/allocations/overflowing").status()).isEqualTo(404);

        JsonNode trialBalance = trialBalance();
        assertThat(trialBalance.get("balanced").asBoolean()).isTrue();
    }

    @Test
    void supplements_fill_an_allocation_up_to_the_largest_and_no_further() {
        assertThat(grant("filled", (LARGEST_ALLOCATION_GPU_HOURS - 1000) + "", 25).status()).isEqualTo(200);
        assertThat(supplement("filled", "s-1", "600").status()).isEqualTo(200);
        assertThat(supplement("filled", "s-2", "400").status()).as("exactly the largest allocation").isEqualTo(200);

        Answer oneMore = supplement("filled", "s-3", "0.0001");
        assertThat(oneMore.status()).as(oneMore.text()).isEqualTo(400); // 0.36 s: not a whole number of seconds
        Answer oneHourMore = supplement("filled", "s-3", "1");
        assertThat(oneHourMore.status()).as(oneHourMore.text()).isEqualTo(422);
        assertThat(oneHourMore.body().get("type").asText()).endsWith("/allocation-limit-exceeded");
        assertThat(oneHourMore.body().get("detail").asText()).contains("largest allocation");
        for (int again = 4; again < 10; again++) {
            assertThat(supplement("filled", "s-" + again, LARGEST_ALLOCATION_GPU_HOURS + "").status()).isEqualTo(422);
        }

        Answer balance = http.await("/api/v1/allocations/filled", answer -> answer.status() == 200
                && answer.body().at("/supplemented/gpuSeconds").asLong() == 1000 * 3600L);
        assertThat(balance.body().at("/balance/gpuSeconds").asLong()).isEqualTo(LARGEST_ALLOCATION_GPU_HOURS * 3600);
        JsonNode trialBalance = trialBalance();
        assertThat(trialBalance.get("balanced").asBoolean()).isTrue();
        assertThat(trialBalance.at("/totalDebits/gpuSeconds").asLong()).isPositive();
    }

    @Test
    void a_transfer_into_an_allocation_at_the_largest_is_rejected_and_gives_the_hours_back() {
        assertThat(grant("full-target", LARGEST_ALLOCATION_GPU_HOURS + "", 25).status()).isEqualTo(200);
        assertThat(grant("giving-source", "100", 25).status()).isEqualTo(200);
        Answer transfer = http.post("/api/v1/transfers", """
                {"transferId": "into-full", "fromAllocationId": "giving-source", "toAllocationId": "full-target",
                 "gpuHours": 1, "reason": "move"}""");
        assertThat(transfer.status()).as(transfer.text()).isBetween(200, 202);
        Answer settled = http.await("/api/v1/transfers/into-full",
                answer -> "REJECTED".equals(answer.body().get("state").asText()));
        assertThat(settled.body().get("state").asText()).isEqualTo("REJECTED");
        assertThat(settled.body().get("rejectionReason").asText()).contains("largest allocation");
        Answer source = http.await("/api/v1/allocations/giving-source",
                answer -> answer.body().at("/balance/gpuSeconds").asLong() == 100 * 3600L
                        && answer.body().at("/transferredOut/gpuSeconds").asLong() == 0);
        assertThat(source.body().at("/balance/gpuSeconds").asLong()).isEqualTo(100 * 3600L);
    }

    @Test
    void the_over_consumption_allowance_is_at_most_300_percent() {
        assertThat(grant("generous", "100", 300).status()).isEqualTo(200);
        assertRefused(grant("too-generous", "100", 301), "overConsumptionPercent");
        assertRefused(grant("negative", "100", -1), "overConsumptionPercent");
    }

    @Test
    void instants_lie_in_the_years_2000_to_2099() {
        assertThat(grant("early", "10", 25, "2000-01-01T00:00:00Z", "2099-12-31T23:59:59Z").status()).isEqualTo(200);
        assertRefused(grant("too-early", "10", 25, "1999-12-31T23:59:59Z", END), "periodStart");
        assertRefused(grant("too-late", "10", 25, START, "2100-01-01T00:00:00Z"), "periodEnd");
        assertRefused(http.post("/api/v1/pools/jz-a100/factors", """
                {"effectiveFrom": "+10000-01-01T00:00:00Z", "normalisedPerGpuHour": 2}"""), "effectiveFrom");
    }

    @Test
    void pools_have_at_most_64_gpus_and_4096_cpus_a_node() {
        assertThat(pool("big-node", "gpu_big", "H100", 64, 4096).status()).isEqualTo(200);
        assertRefused(pool("gpus-past", "gpu_g65", "H100", 65, 96), "gpusPerNode");
        assertRefused(pool("gpus-none", "gpu_g0", "H100", 0, 96), "gpusPerNode");
        assertRefused(pool("cpus-past", "gpu_c", "H100", 4, 4097), "cpusPerNode");
    }

    @Test
    void factors_prices_and_shares_are_bounded_in_size_and_decimals() {
        assertThat(factor("1000", "2021-01-01T00:00:00Z").status()).isEqualTo(200);
        assertRefused(factor("1000.000001", "2021-02-01T00:00:00Z"), "normalisedPerGpuHour");
        assertRefused(factor("0.0000001", "2021-02-01T00:00:00Z"), "normalisedPerGpuHour");
        assertThat(factor("0.000001", "2021-03-01T00:00:00Z").status()).isEqualTo(200);
        assertThat(price("10000", "2021-01-01T00:00:00Z").status()).isEqualTo(200);
        assertRefused(price("10000.01", "2021-02-01T00:00:00Z"), "eurPerGpuHour");
        assertRefused(price("1.0000001", "2021-02-01T00:00:00Z"), "eurPerGpuHour");
        assertThat(price("1.000001", "2021-03-01T00:00:00Z").status()).isEqualTo(200);
        assertThat(provider("ju-host", "IDRIS", "50").status()).isEqualTo(200);
        assertRefused(provider("ju-host-2", "IDRIS", "50.01"), "juSharePercent");
        assertRefused(provider("ju-host-3", "IDRIS", "12.345"), "juSharePercent");
    }

    // ------------------------------------------------------------------------------------------- texts

    @Test
    void a_reason_has_at_most_1000_characters() {
        assertThat(grant("reasoned", "100", 25).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/allocations/reasoned/supplements", """
                {"supplementId": "r-1", "gpuHours": 1, "reason": "%s"}""".formatted("r".repeat(1000))).status())
                .isEqualTo(200);
        assertRefused(http.post("/api/v1/allocations/reasoned/supplements", """
                {"supplementId": "r-2", "gpuHours": 1, "reason": "%s"}""".formatted("r".repeat(1001))), "reason");
        assertRefused(http.post("/api/v1/allocations/reasoned/suspension", """
                {"reason": "%s"}""".formatted("r".repeat(1001))), "reason");
        assertRefused(http.post("/api/v1/transfers", """
                {"transferId": "t-long", "fromAllocationId": "reasoned", "toAllocationId": "largest", "gpuHours": 1,
                 "reason": "%s"}""".formatted("r".repeat(1001))), "reason");
        assertThat(http.post("/api/v1/allocations/reasoned/suspension", """
                {"reason": "%s"}""".formatted("r".repeat(1000))).status()).isEqualTo(200);
    }

    @Test
    void a_project_has_a_title_of_500_names_of_200_and_a_sector_of_100_characters_at_most() {
        assertThat(project("2026-AD011000001", "t".repeat(500), "p".repeat(200), "o".repeat(200), "s".repeat(100))
                .status()).isEqualTo(200);
        assertRefused(project("2026-AD011000002", "t".repeat(501), "pi", "org", "sector"), "title");
        assertRefused(project("2026-AD011000003", "title", "p".repeat(201), "org", "sector"),
                "principalInvestigator");
        assertRefused(project("2026-AD011000004", "title", "pi", "o".repeat(201), "sector"), "organisation");
        assertRefused(project("2026-AD011000005", "title", "pi", "org", "s".repeat(101)), "sector");
    }

    @Test
    void a_provider_name_has_200_and_a_partition_or_gpu_model_100_characters_at_most() {
        assertThat(provider("long-named", "n".repeat(200), null).status()).isEqualTo(200);
        assertRefused(provider("longer-named", "n".repeat(201), null), "name");
        assertThat(pool("long-partition", "p".repeat(100), "m".repeat(100), 4, 40).status()).isEqualTo(200);
        assertRefused(pool("longer-partition", "p".repeat(101), "A100", 4, 40), "partition");
        assertRefused(pool("longer-model", "gpu_x", "m".repeat(101), 4, 40), "gpuModel");
    }

    @Test
    void an_id_has_at_most_200_characters() {
        assertThat(grant("a".repeat(200), "10", 25).status()).isEqualTo(200);
        assertRefused(grant("a".repeat(201), "10", 25), "allocationId");
        assertRefused(http.post("/api/v1/allocations/reasoned/supplements", """
                {"supplementId": "%s", "gpuHours": 1, "reason": "r"}""".formatted("s".repeat(201))), "supplementId");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private JsonNode trialBalance() {
        Answer answer = http.get("/api/v1/journal/trial-balance");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    private static void assertRefused(Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().get("type").asText()).endsWith("/invalid-input");
        assertThat(answer.body().get("detail").asText()).as(answer.text()).startsWith(field + " ");
    }

    private Answer grant(String allocationId, String gpuHours, int overConsumptionPercent) {
        return grant(allocationId, gpuHours, overConsumptionPercent, START, END);
    }

    private Answer grant(String allocationId, String gpuHours, int overConsumptionPercent, String start, String end) {
        return http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "2026-A0191012641", "poolId": "jz-a100", "fundingSource": "GENCI",
                 "gpuHours": %s, "periodStart": "%s", "periodEnd": "%s", "overConsumptionPercent": %d}"""
                .formatted(allocationId, gpuHours, start, end, overConsumptionPercent));
    }

    private Answer supplement(String allocationId, String supplementId, String gpuHours) {
        return http.post("/api/v1/allocations/" + allocationId + "/supplements", """
                {"supplementId": "%s", "gpuHours": %s, "reason": "more"}""".formatted(supplementId, gpuHours));
    }

    private Answer pool(String poolId, String partition, String gpuModel, int gpusPerNode, int cpusPerNode) {
        return http.put("/api/v1/pools/" + poolId, """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "%s", "gpuModel": "%s",
                 "gpusPerNode": %d, "cpusPerNode": %d, "charged": true}"""
                .formatted(partition, gpuModel, gpusPerNode, cpusPerNode));
    }

    private Answer factor(String normalisedPerGpuHour, String effectiveFrom) {
        return http.post("/api/v1/pools/jz-v100/factors", """
                {"effectiveFrom": "%s", "normalisedPerGpuHour": %s}""".formatted(effectiveFrom, normalisedPerGpuHour));
    }

    private Answer price(String eurPerGpuHour, String effectiveFrom) {
        return http.post("/api/v1/pools/jz-v100/prices", """
                {"effectiveFrom": "%s", "eurPerGpuHour": %s}""".formatted(effectiveFrom, eurPerGpuHour));
    }

    private Answer provider(String providerId, String name, String juSharePercent) {
        return http.put("/api/v1/providers/" + providerId, """
                {"name": "%s", "kind": "PUBLIC", "euroHpcHosted": %s%s}""".formatted(name, juSharePercent != null,
                juSharePercent == null ? "" : ", \"juSharePercent\": " + juSharePercent));
    }

    private Answer project(String projectId, String title, String principalInvestigator, String organisation,
                           String sector) {
        return http.put("/api/v1/projects/" + projectId, """
                {"title": "%s", "principalInvestigator": "%s", "organisation": "%s", "audience": "ACADEMIC",
                 "sector": "%s", "accessMode": "AR"}""".formatted(title, principalInvestigator, organisation, sector));
    }
}
