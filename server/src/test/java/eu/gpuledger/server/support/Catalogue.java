package eu.gpuledger.server.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Sets up a small catalogue over HTTP, as a centre's script would: IDRIS with an A100 and a V100 pool. */
public final class Catalogue {

    private Catalogue() {
    }

    public static void idrisWithA100AndV100(LedgerHttp http) {
        ok(http.put("/api/v1/providers/idris", """
                {"name": "IDRIS", "kind": "PUBLIC", "euroHpcHosted": false}"""));
        ok(http.put("/api/v1/clusters/jean-zay", """
                {"providerId": "idris", "timeZone": "Europe/Paris"}"""));
        ok(http.put("/api/v1/pools/jz-a100", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p5", "gpuModel": "A100",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        ok(http.post("/api/v1/pools/jz-a100/factors", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 2}"""));
        ok(http.put("/api/v1/pools/jz-v100", """
                {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p13", "gpuModel": "V100",
                 "gpusPerNode": 4, "cpusPerNode": 40, "charged": true}"""));
        ok(http.post("/api/v1/pools/jz-v100/factors", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 1}"""));
        ok(http.put("/api/v1/projects/2026-A0191012641", """
                {"title": "Climate downscaling", "principalInvestigator": "C. Durand", "organisation": "Météo-France",
                 "audience": "PUBLIC_SERVICE", "sector": "climate", "accessMode": "AR"}"""));
    }

    /** Grants {@code gpuHours} on a pool for [start, end). */
    public static void grant(LedgerHttp http, String allocationId, String poolId, long gpuHours, String start,
                             String end, String account) {
        ok(http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "2026-A0191012641", "poolId": "%s", "fundingSource": "GENCI",
                 "gpuHours": %d, "periodStart": "%s", "periodEnd": "%s", "schedulerAccount": "%s"}"""
                .formatted(allocationId, poolId, gpuHours, start, end, account)));
    }

    public static LedgerHttp.Answer ok(LedgerHttp.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isBetween(200, 202);
        return answer;
    }
}
