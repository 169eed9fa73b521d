package eu.gpuledger.server.web;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.server.web.ProblemAssert.isProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that look beyond one record (a grant names a known project and pool and overlaps no other grant of its
 * pool and account; a pool is on a known provider and a partition no other pool holds), as a client meets them:
 * the status and problem of each, and nothing stored.
 */
@LedgerIntegrationTest
class RulesAcrossRecordsOverHttpTest extends OverHttp {

    @BeforeEach
    void catalogue() {
        Catalogue.idrisWithA100AndV100(http);
    }

    private Answer grant(String allocationId, String projectId, String poolId, String start, String end) {
        return http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "%s", "poolId": "%s", "fundingSource": "GENCI",
                 "gpuHours": 100, "periodStart": "%s", "periodEnd": "%s", "schedulerAccount": "rar@a100"}"""
                .formatted(allocationId, projectId, poolId, start, end));
    }

    private long eventsOf(String aggregateId) {
        return count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + aggregateId + "'");
    }

    @Test
    void a_grant_on_a_project_the_ledger_does_not_know_is_a_404_naming_the_project() {
        Answer answer = grant("rar-unknown-project", "2026-NOWHERE", "jz-a100", "2031-01-01T00:00:00Z",
                "2032-01-01T00:00:00Z");
        isProblem(answer, 404, "unknown-reference", "projectId", "2026-NOWHERE");
        assertThat(eventsOf("rar-unknown-project")).isZero();
    }

    @Test
    void a_grant_on_a_pool_the_ledger_does_not_know_is_a_404_naming_the_pool() {
        Answer answer = grant("rar-unknown-pool", "2026-A0191012641", "jz-nowhere", "2031-01-01T00:00:00Z",
                "2032-01-01T00:00:00Z");
        isProblem(answer, 404, "unknown-reference", "poolId", "jz-nowhere");
        assertThat(eventsOf("rar-unknown-pool")).isZero();
    }

    @Test
    void a_grant_overlapping_another_of_its_pool_and_scheduler_account_is_a_409() {
        Catalogue.ok(grant("rar-first", "2026-A0191012641", "jz-a100", "2032-01-01T00:00:00Z",
                "2033-01-01T00:00:00Z"));
        Answer overlapping = grant("rar-second", "2026-A0191012641", "jz-a100", "2032-12-31T00:00:00Z",
                "2034-01-01T00:00:00Z");
        isProblem(overlapping, 409, "overlapping-allocation", "rar@a100", "rar-first");
        assertThat(eventsOf("rar-second")).isZero();
        assertThat(count("SELECT count(*) FROM directory_allocation WHERE allocation_id = 'rar-second'")).isZero();

        Catalogue.ok(grant("rar-next", "2026-A0191012641", "jz-a100", "2033-01-01T00:00:00Z",
                "2034-01-01T00:00:00Z"));
    }

    @Test
    void a_pool_on_a_partition_another_pool_holds_is_a_409() {
        Answer answer = http.put("/api/v1/pools/rar-second-a100", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p5", "gpuModel": "A100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}""");
        isProblem(answer, 409, "partition-already-pooled", "gpu_p5", "jz-a100");
        assertThat(eventsOf("rar-second-a100")).isZero();
    }

    @Test
    void a_pool_or_a_cluster_of_a_provider_the_ledger_does_not_know_is_a_404() {
        isProblem(http.put("/api/v1/pools/rar-orphan", """
                {"providerId": "nowhere", "cluster": "jean-zay", "partition": "rar-p", "gpuModel": "A100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""), 404, "unknown-reference", "providerId");
        isProblem(http.put("/api/v1/clusters/rar-orphan-cluster", """
                {"providerId": "nowhere", "timeZone": "UTC"}"""), 404, "unknown-reference", "providerId");
        assertThat(eventsOf("rar-orphan")).isZero();
        assertThat(eventsOf("rar-orphan-cluster")).isZero();
    }

    @Test
    void a_factor_of_a_pool_the_ledger_does_not_know_is_a_404() {
        isProblem(http.post("/api/v1/pools/rar-no-pool/factors", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 2}"""), 404, "unknown-reference",
                "rar-no-pool");
    }
}
