package eu.gpuledger.server.security;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two centres and what belongs to each, for the security tests: IDRIS (cluster jean-zay, pool jz-a100, allocations
 * sec-idris-a and sec-idris-b of project 2026-A0191012641, GENCI) and CINES (cluster adastra, pool ad-mi250,
 * allocation sec-cines-a of project 2026-A0220000002, EUROHPC_JU), a booked job on each, a transfer inside IDRIS;
 * and one API token per actor, issued over the API by the test run's administrator.
 */
final class SecurityFixture {

    static final String PROJECT_IDRIS = "2026-A0191012641";
    static final String PROJECT_CINES = "2026-A0220000002";
    /** A period around the time the tests run, so the jobs they book now fall in it. */
    static final Instant PERIOD_START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(30, ChronoUnit.DAYS);
    static final Instant PERIOD_END = PERIOD_START.plus(300, ChronoUnit.DAYS);

    /** The actors of the matrix, by name: each an API token of one role and scope. */
    enum Actor {
        ADMIN("ADMIN", ""),
        AUDITOR("AUDITOR", ""),
        ACCOUNTANT_IDRIS("CENTRE_ACCOUNTANT", "\"idris\""),
        ACCOUNTANT_CINES("CENTRE_ACCOUNTANT", "\"cines\""),
        FUNDER_GENCI("FUNDER", "\"GENCI\""),
        QUOTA_HOOK_JEAN_ZAY("QUOTA_HOOK", "\"jean-zay\""),
        PI_OF_IDRIS_PROJECT("PI", "\"" + PROJECT_IDRIS + "\""),
        SCRAPE("SCRAPE", "");

        final String role;
        final String scope;

        Actor(String role, String scope) {
            this.role = role;
            this.scope = scope;
        }
    }

    private SecurityFixture() {
    }

    static void twoCentres(LedgerHttp admin) {
        Catalogue.idrisWithA100AndV100(admin);
        Catalogue.ok(admin.put("/api/v1/providers/cines", """
                {"name": "CINES", "kind": "PUBLIC", "euroHpcHosted": true}"""));
        Catalogue.ok(admin.put("/api/v1/clusters/adastra", """
                {"providerId": "cines", "timeZone": "Europe/Paris"}"""));
        Catalogue.ok(admin.put("/api/v1/pools/ad-mi250", """
                {"providerId": "cines", "cluster": "adastra", "partition": "mi250", "gpuModel": "MI250X",
                 "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}"""));
        Catalogue.ok(admin.post("/api/v1/pools/ad-mi250/factors", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 1}"""));
        Catalogue.ok(admin.put("/api/v1/projects/" + PROJECT_CINES, """
                {"title": "Protein folding", "principalInvestigator": "A. Martin", "organisation": "CNRS",
                 "audience": "ACADEMIC", "sector": "biology", "accessMode": "AR"}"""));
        Catalogue.ok(admin.post("/api/v1/allocations", grant("sec-idris-a", PROJECT_IDRIS, "jz-a100", "GENCI",
                "sec@a100")));
        Catalogue.ok(admin.post("/api/v1/allocations", grant("sec-idris-b", PROJECT_IDRIS, "jz-a100", "GENCI",
                "secb@a100")));
        Catalogue.ok(admin.post("/api/v1/allocations", grant("sec-cines-a", PROJECT_CINES, "ad-mi250",
                "EUROHPC_JU", "sec@mi250")));
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS);
        Catalogue.ok(admin.post("/api/v1/usage/records", "[" + job("jean-zay", "sec-job-1", "sec@a100", "gpu_p5", end)
                + "," + job("adastra", "sec-job-2", "sec@mi250", "mi250", end) + "]"));
        Catalogue.ok(admin.post("/api/v1/transfers", """
                {"transferId": "sec-transfer", "fromAllocationId": "sec-idris-a", "toAllocationId": "sec-idris-b",
                 "gpuHours": 1, "reason": "rebalancing"}"""));
    }

    static String grant(String allocationId, String project, String pool, String fundingSource, String account) {
        return """
                {"allocationId": "%s", "projectId": "%s", "poolId": "%s", "fundingSource": "%s",
                 "gpuHours": 100, "periodStart": "%s", "periodEnd": "%s", "schedulerAccount": "%s"}"""
                .formatted(allocationId, project, pool, fundingSource, PERIOD_START, PERIOD_END, account);
    }

    static String job(String cluster, String jobId, String account, String partition, Instant end) {
        return """
                {"recordId": "%s:%s", "cluster": "%s", "jobId": "%s", "account": "%s", "partition": "%s",
                 "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": 3600}"""
                .formatted(cluster, jobId, cluster, jobId, account, partition, end);
    }

    /** One token per actor, issued over the API by the administrator; each a client of the ledger as that actor. */
    static Map<Actor, LedgerHttp> tokens(LedgerHttp admin) {
        Map<Actor, LedgerHttp> clients = new LinkedHashMap<>();
        for (Actor actor : Actor.values()) {
            clients.put(actor, admin.as(issue(admin, actor.name().toLowerCase(), actor.role, actor.scope)));
        }
        return clients;
    }

    static String issue(LedgerHttp admin, String name, String role, String scopeValues) {
        LedgerHttp.Answer created = admin.post("/api/v1/admin/tokens", """
                {"name": "%s", "role": "%s", "scope": [%s], "expiresAt": "%s"}"""
                .formatted(name, role, scopeValues, Instant.now().plus(1, ChronoUnit.DAYS)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("token").asText();
    }
}
