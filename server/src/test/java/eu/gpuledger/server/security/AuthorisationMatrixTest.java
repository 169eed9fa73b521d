package eu.gpuledger.server.security;

import eu.gpuledger.server.security.SecurityFixture.Actor;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static eu.gpuledger.server.security.SecurityFixture.Actor.ACCOUNTANT_CINES;
import static eu.gpuledger.server.security.SecurityFixture.Actor.ACCOUNTANT_IDRIS;
import static eu.gpuledger.server.security.SecurityFixture.Actor.ADMIN;
import static eu.gpuledger.server.security.SecurityFixture.Actor.AUDITOR;
import static eu.gpuledger.server.security.SecurityFixture.Actor.FUNDER_GENCI;
import static eu.gpuledger.server.security.SecurityFixture.Actor.PI_OF_IDRIS_PROJECT;
import static eu.gpuledger.server.security.SecurityFixture.Actor.QUOTA_HOOK_JEAN_ZAY;
import static eu.gpuledger.server.security.SecurityFixture.PROJECT_CINES;
import static eu.gpuledger.server.security.SecurityFixture.PROJECT_IDRIS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the application, found in its own request mappings, against every actor: the rule table below
 * says, for concrete requests in and out of each scope, which actors are let through. An endpoint the table does not
 * name fails the test, so a new endpoint cannot ship without a decision. Refused means 403 problem+json with nothing
 * stored (the event store's head unchanged); let through means neither 401 nor 403 (the ledger may still refuse the
 * request for its own reasons: 404, 409, 422).
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.webhooks.allowed-hosts=hooks.example.org")
class AuthorisationMatrixTest extends OverHttp {

    private static final Set<Actor> EVERYONE = EnumSet.allOf(Actor.class);
    private static final Set<Actor> READERS = EnumSet.of(ADMIN, AUDITOR, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES,
            FUNDER_GENCI, PI_OF_IDRIS_PROJECT);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private record Request(String method, String path, String contentType, String body, Set<Actor> allowed) {
    }

    /** The rules: endpoint (method and pattern, as mapped) to the requests that probe it. */
    private static Map<String, List<Request>> rules() {
        Map<String, List<Request>> rules = new LinkedHashMap<>();
        // the bodies are those of SecurityFixture: what is let through changes nothing another test relies on
        rule(rules, "PUT /api/v1/providers/{providerId}",
                put("/api/v1/providers/idris", """
                        {"name": "IDRIS", "kind": "PUBLIC", "euroHpcHosted": false}""", ADMIN, ACCOUNTANT_IDRIS),
                put("/api/v1/providers/cines", """
                        {"name": "CINES", "kind": "PUBLIC", "euroHpcHosted": true}""", ADMIN, ACCOUNTANT_CINES));
        rule(rules, "PUT /api/v1/clusters/{cluster}",
                put("/api/v1/clusters/jean-zay", """
                        {"providerId": "idris", "timeZone": "Europe/Paris"}""", ADMIN, ACCOUNTANT_IDRIS),
                put("/api/v1/clusters/adastra", """
                        {"providerId": "cines", "timeZone": "Europe/Paris"}""", ADMIN, ACCOUNTANT_CINES));
        rule(rules, "PUT /api/v1/pools/{poolId}",
                put("/api/v1/pools/jz-a100", """
                        {"providerId": "idris", "cluster": "jean-zay", "partition": "gpu_p5", "gpuModel": "A100",
                         "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}""", ADMIN, ACCOUNTANT_IDRIS),
                put("/api/v1/pools/ad-mi250", """
                        {"providerId": "cines", "cluster": "adastra", "partition": "mi250", "gpuModel": "MI250X",
                         "gpusPerNode": 8, "cpusPerNode": 64, "charged": true}""", ADMIN, ACCOUNTANT_CINES));
        rule(rules, "POST /api/v1/pools/{poolId}/factors",
                post("/api/v1/pools/jz-a100/factors", """
                        {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 2}""",
                        ADMIN, ACCOUNTANT_IDRIS),
                post("/api/v1/pools/ad-mi250/factors", """
                        {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 1}""",
                        ADMIN, ACCOUNTANT_CINES));
        String price = """
                {"effectiveFrom": "2099-01-01T00:00:00Z", "eurPerGpuHour": 1.5}"""; // in force for no job of a test
        rule(rules, "POST /api/v1/pools/{poolId}/prices",
                post("/api/v1/pools/jz-a100/prices", price, ADMIN, ACCOUNTANT_IDRIS),
                post("/api/v1/pools/ad-mi250/prices", price, ADMIN, ACCOUNTANT_CINES));
        rule(rules, "GET /api/v1/providers", get("/api/v1/providers", READERS));
        String invoicingDetails = """
                {"name": "Example SAS", "street": "1 rue Exemple", "postcode": "75001", "city": "Paris",
                 "countryCode": "FR", "vatId": "FR40303265045"}""";
        rule(rules, "PUT /api/v1/providers/{providerId}/invoicing-details",
                put("/api/v1/providers/idris/invoicing-details", invoicingDetails, ADMIN));
        rule(rules, "PUT /api/v1/projects/{projectId}/invoicing-details",
                put("/api/v1/projects/" + PROJECT_CINES + "/invoicing-details", invoicingDetails, ADMIN));
        rule(rules, "GET /api/v1/pools", get("/api/v1/pools", READERS));
        rule(rules, "GET /api/v1/clusters", get("/api/v1/clusters", READERS));
        rule(rules, "GET /api/v1/clusters/{cluster}", get("/api/v1/clusters/adastra", READERS));
        // corrections that change nothing: let through, then refused by the rule (422), so nothing is stored
        rule(rules, "POST /api/v1/providers/{providerId}/corrections",
                post("/api/v1/providers/idris/corrections", """
                        {"correctionId": "matrix", "name": "IDRIS", "reason": "matrix"}""", ADMIN, ACCOUNTANT_IDRIS),
                post("/api/v1/providers/cines/corrections", """
                        {"correctionId": "matrix", "name": "CINES", "reason": "matrix"}""", ADMIN, ACCOUNTANT_CINES));
        rule(rules, "POST /api/v1/clusters/{cluster}/corrections",
                post("/api/v1/clusters/jean-zay/corrections", """
                        {"correctionId": "matrix", "timeZone": "Europe/Paris", "reason": "matrix"}""",
                        ADMIN, ACCOUNTANT_IDRIS),
                post("/api/v1/clusters/adastra/corrections", """
                        {"correctionId": "matrix", "timeZone": "Europe/Paris", "reason": "matrix"}""",
                        ADMIN, ACCOUNTANT_CINES));
        rule(rules, "GET /api/v1/providers/{providerId}/history", get("/api/v1/providers/cines/history", READERS));
        rule(rules, "GET /api/v1/clusters/{cluster}/history", get("/api/v1/clusters/adastra/history", READERS));

        rule(rules, "PUT /api/v1/projects/{projectId}", put("/api/v1/projects/" + PROJECT_CINES, """
                {"title": "Protein folding", "principalInvestigator": "A. Martin", "organisation": "CNRS",
                 "audience": "ACADEMIC", "sector": "biology", "accessMode": "AR"}""", ADMIN));
        rule(rules, "GET /api/v1/projects", get("/api/v1/projects?q=folding", ADMIN, AUDITOR, ACCOUNTANT_IDRIS,
                ACCOUNTANT_CINES, PI_OF_IDRIS_PROJECT));
        rule(rules, "GET /api/v1/projects/{projectId}",
                get("/api/v1/projects/" + PROJECT_IDRIS, ADMIN, AUDITOR, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES,
                        PI_OF_IDRIS_PROJECT),
                get("/api/v1/projects/" + PROJECT_CINES, ADMIN, AUDITOR, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES));
        rule(rules, "POST /api/v1/projects/{projectId}/corrections", post("/api/v1/projects/" + PROJECT_CINES
                + "/corrections", """
                {"correctionId": "matrix", "title": "Protein folding", "principalInvestigator": "A. Martin",
                 "organisation": "CNRS", "reason": "matrix"}""", ADMIN));
        rule(rules, "GET /api/v1/projects/{projectId}/history",
                get("/api/v1/projects/" + PROJECT_IDRIS + "/history", ADMIN, AUDITOR, ACCOUNTANT_IDRIS,
                        ACCOUNTANT_CINES, PI_OF_IDRIS_PROJECT),
                get("/api/v1/projects/" + PROJECT_CINES + "/history", ADMIN, AUDITOR, ACCOUNTANT_IDRIS,
                        ACCOUNTANT_CINES));
        rule(rules, "GET /api/v1/projects/{projectId}/allocations",
                get("/api/v1/projects/" + PROJECT_IDRIS + "/allocations", ADMIN, AUDITOR, ACCOUNTANT_IDRIS,
                        ACCOUNTANT_CINES, PI_OF_IDRIS_PROJECT),
                get("/api/v1/projects/" + PROJECT_CINES + "/allocations", ADMIN, AUDITOR, ACCOUNTANT_IDRIS,
                        ACCOUNTANT_CINES));

        rule(rules, "POST /api/v1/allocations",
                post("/api/v1/allocations", SecurityFixture.grant("sec-idris-a", PROJECT_IDRIS, "jz-a100", "GENCI",
                        "sec@a100"), ADMIN, ACCOUNTANT_IDRIS),
                post("/api/v1/allocations", SecurityFixture.grant("sec-cines-a", PROJECT_CINES, "ad-mi250",
                        "EUROHPC_JU", "sec@mi250"), ADMIN, ACCOUNTANT_CINES));
        allocationWrite(rules, "POST", "supplements", """
                {"supplementId": "sec-supplement", "gpuHours": 1, "reason": "matrix"}""");
        allocationWrite(rules, "POST", "warnings", """
                {"warningId": "sec-warning", "reason": "matrix"}""");
        allocationWrite(rules, "POST", "clawbacks", """
                {"clawbackId": "sec-clawback", "gpuHours": 1, "reason": "matrix"}""");
        allocationWrite(rules, "POST", "suspension", """
                {"reason": "matrix"}""");
        allocationWrite(rules, "DELETE", "suspension", """
                {"reason": "matrix"}""");
        rule(rules, "GET /api/v1/allocations", get("/api/v1/allocations?providerId=idris", ADMIN, AUDITOR,
                ACCOUNTANT_IDRIS, ACCOUNTANT_CINES, PI_OF_IDRIS_PROJECT));
        rule(rules, "GET /api/v1/allocations/{allocationId}",
                get("/api/v1/allocations/sec-idris-a", ADMIN, AUDITOR, ACCOUNTANT_IDRIS, PI_OF_IDRIS_PROJECT),
                get("/api/v1/allocations/sec-cines-a", ADMIN, AUDITOR, ACCOUNTANT_CINES));
        rule(rules, "GET /api/v1/allocations/{allocationId}/history",
                get("/api/v1/allocations/sec-idris-a/history", ADMIN, AUDITOR, ACCOUNTANT_IDRIS, PI_OF_IDRIS_PROJECT),
                get("/api/v1/allocations/sec-cines-a/history", ADMIN, AUDITOR, ACCOUNTANT_CINES));
        rule(rules, "GET /api/v1/allocations/{allocationId}/consumption",
                get("/api/v1/allocations/sec-idris-a/consumption", ADMIN, AUDITOR, ACCOUNTANT_IDRIS,
                        PI_OF_IDRIS_PROJECT),
                get("/api/v1/allocations/sec-cines-a/consumption", ADMIN, AUDITOR, ACCOUNTANT_CINES));

        rule(rules, "POST /api/v1/usage/sacct",
                new Request("POST", "/api/v1/usage/sacct?cluster=jean-zay", "text/plain",
                        "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n",
                        EnumSet.of(ADMIN, ACCOUNTANT_IDRIS)),
                new Request("POST", "/api/v1/usage/sacct?cluster=adastra", "text/plain",
                        "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n",
                        EnumSet.of(ADMIN, ACCOUNTANT_CINES)));
        rule(rules, "POST /api/v1/usage/records",
                post("/api/v1/usage/records", "[]", ADMIN, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES));
        rule(rules, "POST /api/v1/usage/billed", new Request("POST", "/api/v1/usage/billed", "text/csv",
                "recordId,providerId,account,pool,user,gpus,start,end,billedMinutes\n",
                EnumSet.of(ADMIN, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES)));
        rule(rules, "GET /api/v1/usage/unmatched",
                get("/api/v1/usage/unmatched?cluster=jean-zay", ADMIN, AUDITOR, ACCOUNTANT_IDRIS),
                get("/api/v1/usage/unmatched?cluster=adastra", ADMIN, AUDITOR, ACCOUNTANT_CINES),
                get("/api/v1/usage/unmatched", ADMIN, AUDITOR));
        rule(rules, "POST /api/v1/usage/unmatched/retry", post("/api/v1/usage/unmatched/retry", "", ADMIN));
        rule(rules, "GET /api/v1/usage/imports",
                get("/api/v1/usage/imports", ADMIN, AUDITOR, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES),
                get("/api/v1/usage/imports?providerId=idris", ADMIN, AUDITOR, ACCOUNTANT_IDRIS),
                get("/api/v1/usage/imports?providerId=cines", ADMIN, AUDITOR, ACCOUNTANT_CINES));
        rule(rules, "GET /api/v1/projections",
                get("/api/v1/projections", ADMIN, AUDITOR, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES));
        String refund = """
                {"refundId": "sec-refund", "gpuSeconds": 60, "reason": "node failure"}""";
        rule(rules, "POST /api/v1/usage/{recordId}/refunds",
                post("/api/v1/usage/jean-zay:sec-job-1/refunds", refund, ADMIN, ACCOUNTANT_IDRIS),
                post("/api/v1/usage/adastra:sec-job-2/refunds", refund, ADMIN, ACCOUNTANT_CINES));

        rule(rules, "POST /api/v1/transfers",
                post("/api/v1/transfers", """
                        {"transferId": "sec-transfer", "fromAllocationId": "sec-idris-a",
                         "toAllocationId": "sec-idris-b", "gpuHours": 1, "reason": "rebalancing"}""",
                        ADMIN, ACCOUNTANT_IDRIS),
                post("/api/v1/transfers", """
                        {"transferId": "sec-transfer-across", "fromAllocationId": "sec-idris-a",
                         "toAllocationId": "sec-cines-a", "gpuHours": 1, "reason": "across centres"}""", ADMIN));
        rule(rules, "GET /api/v1/transfers/{transferId}",
                get("/api/v1/transfers/sec-transfer", ADMIN, AUDITOR, ACCOUNTANT_IDRIS));

        rule(rules, "GET /api/v1/quota/{schedulerAccount}",
                get("/api/v1/quota/sec@a100?cluster=jean-zay", ADMIN, AUDITOR, ACCOUNTANT_IDRIS, QUOTA_HOOK_JEAN_ZAY),
                get("/api/v1/quota/sec@mi250?cluster=adastra", ADMIN, AUDITOR, ACCOUNTANT_CINES));
        rule(rules, "GET /api/v1/quota/blocked",
                get("/api/v1/quota/blocked?cluster=jean-zay", ADMIN, AUDITOR, ACCOUNTANT_IDRIS, QUOTA_HOOK_JEAN_ZAY),
                get("/api/v1/quota/blocked?cluster=adastra", ADMIN, AUDITOR, ACCOUNTANT_CINES));

        rule(rules, "GET /api/v1/reports/usage", get("/api/v1/reports/usage?from=2026-01-01T00:00:00Z"
                + "&to=2028-01-01T00:00:00Z", ADMIN, AUDITOR, FUNDER_GENCI, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES));
        rule(rules, "POST /api/v1/rates", post("/api/v1/rates", """
                {"rateId": "sec-rate-ju-mi250", "funder": "EUROHPC_JU", "poolId": "ad-mi250",
                 "effectiveFrom": "2026-01-01T00:00:00Z", "eurPerGpuHour": "1.10"}""", ADMIN));
        rule(rules, "GET /api/v1/rates", get("/api/v1/rates", ADMIN, AUDITOR, FUNDER_GENCI, ACCOUNTANT_IDRIS,
                ACCOUNTANT_CINES));
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        rule(rules, "POST /api/v1/statements",
                post("/api/v1/statements", """
                        {"statementId": "sec-st-genci", "funder": "GENCI", "kind": "FUND", "period": "%s",
                         "allocationId": "sec-idris-a"}""".formatted(month), ADMIN, FUNDER_GENCI),
                post("/api/v1/statements", """
                        {"statementId": "sec-st-ju", "funder": "EUROHPC_JU", "kind": "FUND", "period": "%s"}"""
                        .formatted(month), ADMIN));
        rule(rules, "POST /api/v1/statements/{statementId}/issue",
                post("/api/v1/statements/sec-st-genci/issue", "", ADMIN, FUNDER_GENCI),
                post("/api/v1/statements/sec-st-ju/issue", "", ADMIN));
        rule(rules, "POST /api/v1/statements/{statementId}/credit-note",
                post("/api/v1/statements/sec-st-genci/credit-note", """
                        {"creditNoteId": "sec-cn-genci", "reason": "matrix"}""", ADMIN, FUNDER_GENCI),
                post("/api/v1/statements/sec-st-ju/credit-note", """
                        {"creditNoteId": "sec-cn-ju", "reason": "matrix"}""", ADMIN));
        rule(rules, "GET /api/v1/statements/{statementId}",
                get("/api/v1/statements/sec-st-genci", ADMIN, AUDITOR, FUNDER_GENCI),
                get("/api/v1/statements/sec-st-ju", ADMIN, AUDITOR));
        rule(rules, "GET /api/v1/statements", get("/api/v1/statements", ADMIN, AUDITOR, FUNDER_GENCI));
        rule(rules, "GET /api/v1/journal/trial-balance", get("/api/v1/journal/trial-balance"
                + "?from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z", ADMIN, AUDITOR));

        rule(rules, "GET /api/v1/admin/projections", get("/api/v1/admin/projections", ADMIN, AUDITOR));
        rule(rules, "POST /api/v1/admin/projections/{name}/rebuild",
                post("/api/v1/admin/projections/no-such-projection/rebuild", "", ADMIN));
        rule(rules, "GET /api/v1/admin/projections/{name}/rebuild",
                get("/api/v1/admin/projections/no-such-projection/rebuild", ADMIN, AUDITOR));
        rule(rules, "GET /api/v1/admin/dead-letters", get("/api/v1/admin/dead-letters", ADMIN, AUDITOR));
        rule(rules, "GET /api/v1/admin/dead-letters/{id}", get("/api/v1/admin/dead-letters/no-such-letter", ADMIN,
                AUDITOR));
        rule(rules, "POST /api/v1/admin/dead-letters/{id}/retry",
                post("/api/v1/admin/dead-letters/no-such-letter/retry", "", ADMIN));
        rule(rules, "POST /api/v1/admin/tokens", post("/api/v1/admin/tokens", """
                {"name": "matrix", "role": "AUDITOR", "expiresAt": "%s"}"""
                .formatted(java.time.Instant.now().plusSeconds(3600)), ADMIN));
        rule(rules, "GET /api/v1/admin/tokens", get("/api/v1/admin/tokens", ADMIN));
        rule(rules, "GET /api/v1/admin/tokens/{tokenId}", get("/api/v1/admin/tokens/no-such-token", ADMIN));
        rule(rules, "DELETE /api/v1/admin/tokens/{tokenId}",
                new Request("DELETE", "/api/v1/admin/tokens/no-such-token", "application/json", "",
                        EnumSet.of(ADMIN)));

        // webhooks: a centre's own (its provider named), every provider's for administrators; DELETE comes last
        String hookIdris = """
                {"url": "https://hooks.example.org/idris", "events": ["EXPIRING"], "providerId": "idris"}""";
        rule(rules, "PUT /api/v1/webhooks/{webhookId}",
                put("/api/v1/webhooks/sec-hook-idris", hookIdris, ADMIN, ACCOUNTANT_IDRIS),
                put("/api/v1/webhooks/sec-hook-cines", """
                        {"url": "https://hooks.example.org/cines", "events": ["EXPIRING"], "providerId": "cines"}""",
                        ADMIN, ACCOUNTANT_CINES),
                put("/api/v1/webhooks/sec-hook-all", """
                        {"url": "https://hooks.example.org/all", "events": ["EXPIRING"]}""", ADMIN));
        rule(rules, "GET /api/v1/webhooks", get("/api/v1/webhooks", ADMIN, ACCOUNTANT_IDRIS, ACCOUNTANT_CINES));
        rule(rules, "GET /api/v1/webhooks/{webhookId}",
                get("/api/v1/webhooks/sec-hook-idris", ADMIN, ACCOUNTANT_IDRIS),
                get("/api/v1/webhooks/sec-hook-cines", ADMIN, ACCOUNTANT_CINES),
                get("/api/v1/webhooks/sec-hook-all", ADMIN));
        rule(rules, "GET /api/v1/webhooks/{webhookId}/deliveries",
                get("/api/v1/webhooks/sec-hook-idris/deliveries", ADMIN, ACCOUNTANT_IDRIS),
                get("/api/v1/webhooks/sec-hook-cines/deliveries", ADMIN, ACCOUNTANT_CINES));
        rule(rules, "POST /api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver",
                post("/api/v1/webhooks/sec-hook-idris/deliveries/999999/redeliver", "", ADMIN, ACCOUNTANT_IDRIS),
                post("/api/v1/webhooks/sec-hook-cines/deliveries/999999/redeliver", "", ADMIN, ACCOUNTANT_CINES));
        rule(rules, "DELETE /api/v1/webhooks/{webhookId}",
                new Request("DELETE", "/api/v1/webhooks/sec-hook-idris", "application/json", "",
                        EnumSet.of(ADMIN, ACCOUNTANT_IDRIS)),
                new Request("DELETE", "/api/v1/webhooks/sec-hook-all", "application/json", "", EnumSet.of(ADMIN)));

        rule(rules, "GET /v3/api-docs", get("/v3/api-docs", EVERYONE));
        rule(rules, "GET /v3/api-docs.yaml", get("/v3/api-docs.yaml", EVERYONE));
        rule(rules, "GET /v3/api-docs/swagger-config", get("/v3/api-docs/swagger-config", EVERYONE));
        rule(rules, "GET /swagger-ui.html", get("/swagger-ui.html", EVERYONE));
        rule(rules, "GET /api/v1/me", get("/api/v1/me", EVERYONE));
        return rules;
    }

    /** The error page is rendered on Tomcat's error dispatch for a request already judged, never asked for itself. */
    private static final Set<String> NOT_ENDPOINTS = Set.of("/error");

    @Test
    void every_endpoint_of_the_application_has_a_rule() {
        Set<String> unruled = new TreeSet<>(endpoints());
        unruled.removeAll(rules().keySet());
        assertThat(unruled).as("endpoints without a rule in AuthorisationMatrixTest.rules(): decide who may call"
                + " them (docs/security.md) and add them").isEmpty();
        Set<String> stale = new TreeSet<>(rules().keySet());
        stale.removeAll(endpoints());
        assertThat(stale).as("rules of endpoints the application no longer has").isEmpty();
    }

    @Test
    void every_actor_reaches_exactly_what_its_role_and_scope_allow_and_a_refusal_stores_nothing() {
        SecurityFixture.twoCentres(http);
        Map<Actor, LedgerHttp> actors = SecurityFixture.tokens(http);
        List<String> wrong = new ArrayList<>();
        int refusals = 0;
        for (Map.Entry<String, List<Request>> rule : rules().entrySet()) {
            for (Request request : rule.getValue()) {
                for (Actor actor : Actor.values()) {
                    long headBefore = eventStoreHead();
                    Answer answer = send(actors.get(actor), request);
                    String what = actor + " " + request.method() + " " + request.path() + " -> " + answer.status()
                            + " " + abbreviated(answer.text());
                    if (request.allowed().contains(actor)) {
                        if (answer.status() == 401 || answer.status() == 403) {
                            wrong.add("let through, but refused: " + what);
                        }
                    } else {
                        refusals++;
                        if (answer.status() != 403 || !answer.contentType().startsWith("application/problem+json")) {
                            wrong.add("refused with 403 problem+json expected: " + what);
                        } else if (eventStoreHead() != headBefore) {
                            wrong.add("refused, but the event store moved: " + what);
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("answers against the rule table").isEmpty();
        assertThat(refusals).as("requests refused in the matrix").isGreaterThan(200);
    }

    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                // the console's pages are a client of the API, signed in by session: their own chain
                // (ConsoleConfiguration) lets only a signed-in person reach them, and each call they make to the API
                // meets the rules here with that person's token (docs/console.md)
                if (NOT_ENDPOINTS.contains(pattern) || pattern.equals("/console") || pattern.startsWith("/console/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? EnumSet.of(RequestMethod.GET) : methods) {
                    endpoints.add(method + " " + pattern);
                }
            }
        }
        return endpoints;
    }

    private static Answer send(LedgerHttp client, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder()
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        return client.send(builder, request.path());
    }

    private static void rule(Map<String, List<Request>> rules, String endpoint, Request... requests) {
        rules.put(endpoint, List.of(requests));
    }

    private static void allocationWrite(Map<String, List<Request>> rules, String method, String what, String body) {
        rule(rules, method + " /api/v1/allocations/{allocationId}/" + what,
                new Request(method, "/api/v1/allocations/sec-idris-a/" + what, "application/json", body,
                        EnumSet.of(ADMIN, ACCOUNTANT_IDRIS)),
                new Request(method, "/api/v1/allocations/sec-cines-a/" + what, "application/json", body,
                        EnumSet.of(ADMIN, ACCOUNTANT_CINES)));
    }

    private static Request get(String path, Actor... allowed) {
        return get(path, allowed.length == 0 ? EnumSet.noneOf(Actor.class) : EnumSet.of(allowed[0], allowed));
    }

    private static Request get(String path, Set<Actor> allowed) {
        return new Request("GET", path, null, "", EnumSet.copyOf(allowed));
    }

    private static Request post(String path, String body, Actor... allowed) {
        return new Request("POST", path, "application/json", body, EnumSet.of(allowed[0], allowed));
    }

    private static Request put(String path, String body, Actor... allowed) {
        return new Request("PUT", path, "application/json", body, EnumSet.of(allowed[0], allowed));
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
