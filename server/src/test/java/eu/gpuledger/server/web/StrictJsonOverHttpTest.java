package eu.gpuledger.server.web;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.server.web.ProblemAssert.isProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON body is read as written or refused: a field the endpoint does not know, a fraction where a whole number is
 * expected, a value of the wrong type, text after the body, a body that is not JSON. Each refusal names the field
 * and changes nothing.
 */
@EdgeTest
class StrictJsonOverHttpTest extends OverHttp {

    private static final String A100_JOB = "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n"
            + "%s|%s|strict@a100|amartin|gpu_p5|billing=8,cpu=8,gres/gpu:a100=1,gres/gpu=1,node=1|3600"
            + "|2026-10-12T08:00:00|2026-10-12T09:00:00|COMPLETED\n";

    @BeforeEach
    void catalogue() {
        Catalogue.idrisWithA100AndV100(http);
    }

    @Test
    void a_refund_naming_gpuHours_instead_of_gpuSeconds_is_refused() {
        Catalogue.grant(http, "strict-refund", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "strict@a100");
        Catalogue.ok(http.post("/api/v1/usage/sacct?cluster=jean-zay", A100_JOB.formatted("7001", "7001"), "text/plain"));
        long head = eventStoreHead();

        Answer answer = http.post("/api/v1/usage/jean-zay:7001/refunds", """
                {"refundId": "r-hours", "gpuHours": 0.5, "reason": "node failure"}""");

        isProblem(answer, 400, "unknown-field", "gpuHours", "gpuSeconds");
        assertThat(eventStoreHead()).as("nothing refunded").isEqualTo(head);
        Answer refund = http.post("/api/v1/usage/jean-zay:7001/refunds", """
                {"refundId": "r-seconds", "gpuSeconds": 1800, "reason": "node failure"}""");
        assertThat(refund.status()).as("the same refund in the contract's words: " + refund.text()).isEqualTo(200);
    }

    @Test
    void a_fraction_of_a_gpu_second_is_refused() {
        Answer answer = http.post("/api/v1/usage/jean-zay:7002/refunds", """
                {"refundId": "r-fraction", "gpuSeconds": 1.5, "reason": "node failure"}""");
        isProblem(answer, 400, "wrong-type", "gpuSeconds: expected a whole number, got 1.5");
    }

    @Test
    void a_fraction_of_a_gpu_per_node_is_refused() {
        Answer answer = http.put("/api/v1/pools/half-gpus", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p7", "gpuModel": "A100",
                 "gpusPerNode": 4.5, "cpusPerNode": 64, "charged": true}""");
        isProblem(answer, 400, "wrong-type", "gpusPerNode: expected a whole number, got 4.5");
        assertThat(http.get("/api/v1/pools").text()).doesNotContain("half-gpus");
    }

    @Test
    void a_fraction_of_an_over_consumption_percent_is_refused() {
        long head = eventStoreHead();
        Answer answer = http.post("/api/v1/allocations", """
                {"allocationId": "strict-percent", "projectId": "2026-A0191012641", "poolId": "jz-a100",
                 "fundingSource": "GENCI", "gpuHours": 100, "periodStart": "2026-01-01T00:00:00Z",
                 "periodEnd": "2027-01-01T00:00:00Z", "overConsumptionPercent": 2.5}""");
        isProblem(answer, 400, "wrong-type", "overConsumptionPercent: expected a whole number, got 2.5");
        assertThat(eventStoreHead()).isEqualTo(head);
    }

    @Test
    void a_whole_number_written_as_text_is_refused() {
        Answer answer = http.put("/api/v1/pools/text-gpus", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p8", "gpuModel": "A100",
                 "gpusPerNode": "8", "cpusPerNode": 64, "charged": true}""");
        isProblem(answer, 400, "wrong-type", "gpusPerNode: expected a whole number, got text");
    }

    @Test
    void a_yes_or_no_written_as_a_number_is_refused() {
        Answer answer = http.put("/api/v1/pools/numeric-charge", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p9", "gpuModel": "A100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": 1}""");
        isProblem(answer, 400, "wrong-type", "charged: expected true or false, got 1");
    }

    @Test
    void an_identifier_written_as_a_number_is_refused() {
        Catalogue.grant(http, "strict-id", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "sid@a100");
        Answer answer = http.post("/api/v1/allocations/strict-id/supplements", """
                {"supplementId": 5, "gpuHours": 1, "reason": "numbers are not names"}""");
        isProblem(answer, 400, "wrong-type", "supplementId: expected text, got 5");
    }

    @Test
    void an_object_where_a_quantity_is_expected_is_refused() {
        Answer answer = http.post("/api/v1/allocations/strict-id/supplements", """
                {"supplementId": "s-1", "gpuHours": {"value": 1}, "reason": "nested"}""");
        isProblem(answer, 400, "wrong-type", "gpuHours: expected a number");
    }

    @Test
    void gpu_hours_as_a_decimal_are_still_accepted_when_they_are_whole_gpu_seconds() {
        Catalogue.grant(http, "strict-hours", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "shr@a100");
        Answer answer = http.post("/api/v1/allocations/strict-hours/supplements", """
                {"supplementId": "s-half", "gpuHours": 0.5, "reason": "half an hour"}""");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().at("/supplemented/gpuSeconds").asLong()).isEqualTo(1800);
    }

    @Test
    void text_after_the_body_is_refused() {
        Answer answer = http.post("/api/v1/allocations/strict-id/suspension", """
                {"reason": "first"} {"reason": "second"}""");
        isProblem(answer, 400, "malformed-body", "after the end of the JSON body", "line 1");
    }

    @Test
    void a_body_that_is_not_json_is_refused_naming_where_it_breaks() {
        Answer answer = http.post("/api/v1/allocations/strict-id/suspension", """
                {"reason": "unfinished""");
        isProblem(answer, 400, "malformed-body", "line 1", "column");
        Answer broken = http.post("/api/v1/allocations/strict-id/suspension", """
                {"reason": "a", }""");
        isProblem(broken, 400, "malformed-body", "line 1", "column");
    }

    @Test
    void an_empty_body_where_one_is_required_is_refused() {
        Answer answer = http.post("/api/v1/allocations/strict-id/suspension", "");
        isProblem(answer, 400, "malformed-body", "body is required");
    }

    @Test
    void an_unknown_field_is_named_with_its_place_in_the_body() {
        Answer answer = http.put("/api/v1/providers/strict-provider", """
                {"name": "Strict", "kind": "PUBLIC", "euroHpcHosted": false, "euroHPCHosted": true}""");
        isProblem(answer, 400, "unknown-field", "euroHPCHosted");
        assertThat(http.get("/api/v1/providers").text()).doesNotContain("strict-provider");
    }

}
