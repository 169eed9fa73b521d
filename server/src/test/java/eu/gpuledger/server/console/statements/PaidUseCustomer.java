package eu.gpuledger.server.console.statements;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;

import java.util.UUID;

/**
 * What the console's report and statement tests look at, set up over the API as a provider's script would: a private
 * provider with an L40S pool (priced at 2 EUR per GPU-hour, billed to private contracts at 2.405), a customer's
 * project in paid access with an allocation, and 3.5 GPU-hours of its jobs ending on 14 October 2026.
 */
public final class PaidUseCustomer {

    public static final String PERIOD = "2026-10";
    private static final long HOUR = 3600;

    public final String run = UUID.randomUUID().toString().substring(0, 8);
    public final String provider = "console-cloud-" + run;
    public final String cluster = "console-nord-" + run;
    public final String pool = "console-l40s-" + run;
    public final String project = "2026-CONSOLE-" + run;
    public final String allocation = "console-alloc-" + run;

    public PaidUseCustomer(LedgerHttp http) {
        Catalogue.ok(http.put("/api/v1/providers/" + provider, """
                {"name": "Cloud Nord %s", "kind": "PRIVATE", "euroHpcHosted": false}""".formatted(run)));
        Catalogue.ok(http.put("/api/v1/clusters/" + cluster, """
                {"providerId": "%s", "timeZone": "UTC"}""".formatted(provider)));
        Catalogue.ok(http.put("/api/v1/pools/" + pool, """
                {"providerId": "%s", "cluster": "%s", "partition": "l40s", "gpuModel": "L40S", "gpusPerNode": 4,
                 "cpusPerNode": 32, "charged": true}""".formatted(provider, cluster)));
        Catalogue.ok(http.post("/api/v1/pools/" + pool + "/factors", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 2}"""));
        Catalogue.ok(http.post("/api/v1/pools/" + pool + "/prices", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "eurPerGpuHour": 2}"""));
        Catalogue.ok(http.post("/api/v1/rates", """
                {"rateId": "console-pc-%s", "funder": "PRIVATE_CONTRACT", "poolId": "%s",
                 "effectiveFrom": "2020-01-01T00:00:00Z", "eurPerGpuHour": "2.405"}""".formatted(run, pool)));
        Catalogue.ok(http.put("/api/v1/projects/" + project, """
                {"title": "Fine-tuning %s", "principalInvestigator": "A. Martin", "organisation": "Startup %s SAS",
                 "audience": "STARTUP_SME", "sector": "ai", "accessMode": "PAID"}""".formatted(run, run)));
        Catalogue.ok(http.put("/api/v1/providers/" + provider + "/invoicing-details", """
                {"name": "Cloud Nord SAS", "street": "12 rue des Serveurs", "postcode": "59000", "city": "Lille",
                 "countryCode": "FR", "vatId": "FR40303265045", "legalRegistrationId": "303265045",
                 "legalRegistrationScheme": "0002"}"""));
        Catalogue.ok(http.put("/api/v1/projects/" + project + "/invoicing-details", """
                {"name": "Startup SAS", "street": "3 quai de la Loire", "postcode": "75019", "city": "Paris",
                 "countryCode": "FR", "vatId": "FR83404833048"}"""));
        Catalogue.ok(http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "%s", "poolId": "%s", "fundingSource": "PRIVATE_CONTRACT",
                 "gpuHours": 100, "periodStart": "2026-09-01T00:00:00Z", "periodEnd": "2026-12-01T00:00:00Z",
                 "schedulerAccount": "c%s@l40s"}""".formatted(allocation, project, pool, run)));
        Catalogue.ok(http.post("/api/v1/usage/records", "[" + job("j1", 2 * HOUR) + "," + job("j2", HOUR + HOUR / 2)
                + "]"));
        http.await("/api/v1/reports/usage?from=" + PERIOD + "&to=" + PERIOD + "&groupBy=provider",
                answer -> answer.text().contains(provider));
    }

    private String job(String jobId, long elapsedSeconds) {
        return """
                {"recordId": "%s:%s", "cluster": "%s", "jobId": "%s", "account": "c%s@l40s", "partition": "l40s",
                 "user": "u", "gpus": 1, "end": "2026-10-14T10:00:00Z", "elapsedSeconds": %d}"""
                .formatted(cluster, jobId, cluster, jobId, run, elapsedSeconds);
    }
}
