package eu.gpuledger.server.usage;

import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One centre of its own for a test, declared over HTTP: a provider, a cluster in a time zone, a charged H100 pool
 * (partition gpu_p6, 4 GPUs and 96 CPUs a node), an uncharged pre/post-processing pool and a project. Names are
 * prefixed by the scenario's name, so that tests sharing a Spring context (and its database) never meet.
 */
final class UsageScenario {

    static final String HEADER = "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State";
    /** 8 CPUs and 2 H100 on one node: charged 2 GPUs (their CPU share is 1 GPU). */
    static final String TWO_H100 = "billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1";

    final String name;
    final String cluster;
    final String pool;
    final String project;
    private final LedgerHttp http;

    UsageScenario(LedgerHttp http, String name, String timeZone) {
        this.http = http;
        this.name = name;
        this.cluster = name + "-cluster";
        this.pool = name + "-h100";
        this.project = "2026-AD0110" + Math.abs(name.hashCode() % 100_000);
        ok(http.put("/api/v1/providers/" + name + "-centre", """
                {"name": "%s", "kind": "PUBLIC", "euroHpcHosted": false}""".formatted(name)));
        ok(http.put("/api/v1/clusters/" + cluster, """
                {"providerId": "%s-centre", "timeZone": "%s"}""".formatted(name, timeZone)));
        ok(http.put("/api/v1/pools/" + pool, """
                {"providerId": "%s-centre", "cluster": "%s", "partition": "gpu_p6", "gpuModel": "H100",
                 "gpusPerNode": 4, "cpusPerNode": 96, "charged": true}""".formatted(name, cluster)));
        ok(http.put("/api/v1/pools/" + name + "-prepost", """
                {"providerId": "%s-centre", "cluster": "%s", "partition": "prepost", "gpuModel": "none",
                 "gpusPerNode": 1, "cpusPerNode": 48, "charged": false}""".formatted(name, cluster)));
        ok(http.put("/api/v1/projects/" + project, """
                {"title": "Scenario %s", "principalInvestigator": "A. Martin", "organisation": "CNRS",
                 "audience": "ACADEMIC", "sector": "physics", "accessMode": "GENCI_DYNAMIC"}""".formatted(name)));
    }

    /** Grants 1,000 GPU-hours on the H100 pool to {@code account} for [periodStart, periodEnd). */
    void grant(String allocationId, String account, String periodStart, String periodEnd) {
        ok(http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "%s", "poolId": "%s", "fundingSource": "GENCI", "gpuHours": 1000,
                 "periodStart": "%s", "periodEnd": "%s", "schedulerAccount": "%s"}"""
                .formatted(allocationId, project, pool, periodStart, periodEnd, account)));
    }

    /** A main job record: 2 H100 for {@code elapsedSeconds}, so charged 2 × elapsed GPU-seconds. */
    static String job(String jobId, String account, String partition, long elapsedSeconds, String start, String end) {
        return String.join("|", jobId, jobId, account, "amartin", partition, TWO_H100, Long.toString(elapsedSeconds),
                start, end, "COMPLETED");
    }

    /** A step record as sacct prints it: no user, no partition. */
    static String step(String jobId, String suffix, String account) {
        return String.join("|", jobId + "." + suffix, jobId + "." + suffix, account, "", "", TWO_H100, "3600",
                "2026-10-12T09:00:00", "2026-10-12T10:00:00", "COMPLETED");
    }

    /** sacct --parsable2 output: the header, then the lines given (line 2 is the first of them). */
    static String sacct(String... lines) {
        return HEADER + "\n" + Arrays.stream(lines).collect(Collectors.joining("\n")) + "\n";
    }

    Answer importSacct(String text) {
        Answer answer = http.post("/api/v1/usage/sacct?cluster=" + cluster, text, "text/plain");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer;
    }

    /** The balance view once the projection shows {@code consumedGpuSeconds} consumed (or after its deadline). */
    Answer balanceOnceConsumed(String allocationId, long consumedGpuSeconds) {
        Answer balance = http.await("/api/v1/allocations/" + allocationId, answer -> answer.status() == 200
                && answer.body().at("/consumed/gpuSeconds").asLong() == consumedGpuSeconds);
        assertThat(balance.body().at("/consumed/gpuSeconds").asLong()).as(balance.text()).isEqualTo(consumedGpuSeconds);
        return balance;
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }
}
