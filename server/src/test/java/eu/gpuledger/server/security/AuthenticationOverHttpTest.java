package eu.gpuledger.server.security;

import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a valid bearer token nothing but the bare health answers: every endpoint of the application (from its own
 * request mappings) and every operations endpoint is a 401 problem with a Bearer challenge, for no token, a
 * malformed one, an API token never issued, and a JWT when the ledger is told no issuer.
 */
@LedgerIntegrationTest
class AuthenticationOverHttpTest extends OverHttp {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private static final List<String> BAD_TOKENS = List.of("gpl_tooShort", ApiTokenFormat.newToken(),
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl", "not a token at all");

    @Test
    void every_endpoint_refuses_anonymous_and_bad_tokens_with_401_problem_json() {
        List<String> requests = new ArrayList<>(endpoints());
        requests.addAll(List.of("GET /actuator/prometheus", "GET /actuator/health/db", "GET /actuator/metrics",
                "GET /actuator/info", "GET /swagger-ui/index.html"));
        List<String> wrong = new ArrayList<>();
        long head = eventStoreHead();
        for (String request : requests) {
            String method = request.substring(0, request.indexOf(' '));
            String path = request.substring(request.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
            check(wrong, http.anonymous(), method, path, "Bearer", "no token");
            for (String bad : BAD_TOKENS) {
                check(wrong, http.as(bad), method, path, "Bearer error=\"invalid_token\"", bad);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(requests).hasSizeGreaterThan(40);
        assertThat(eventStoreHead()).isEqualTo(head);
    }

    @Test
    void the_bare_health_answers_everyone_and_its_details_only_operators() {
        Answer bare = http.anonymous().get("/actuator/health");
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.body().get("status").asText()).isEqualTo("UP");
        assertThat(bare.body().has("components")).as(bare.text()).isFalse();
        assertThat(bare.text()).doesNotContain("path");

        Answer operator = http.get("/actuator/health");
        assertThat(operator.body().has("components")).as(operator.text()).isTrue();
        String scrape = SecurityFixture.issue(http, "prometheus", "SCRAPE", "");
        assertThat(http.as(scrape).get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(http.as(scrape).get("/actuator/health").body().has("components")).isTrue();
        assertThat(http.as(scrape).get("/api/v1/providers").status()).as("a scrape token reads no ledger data")
                .isEqualTo(403);

        String accountant = SecurityFixture.issue(http, "accountant", "CENTRE_ACCOUNTANT", "\"idris\"");
        Answer refused = http.as(accountant).get("/actuator/prometheus");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asText()).endsWith("/forbidden");
        assertThat(http.as(accountant).get("/actuator/health").body().has("components")).isFalse();
    }

    private static void check(List<String> wrong, LedgerHttp client, String method, String path, String challenge,
                              String token) {
        Answer answer = client.send(HttpRequest.newBuilder().header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")), path);
        String what = method + " " + path + " with " + token + " -> " + answer.status() + " " + answer.text();
        if (answer.status() != 401 || !answer.contentType().startsWith("application/problem+json")) {
            wrong.add("401 problem+json expected: " + what);
            return;
        }
        if (!answer.body().get("type").asText().endsWith("/unauthenticated") || answer.body().get("detail") == null
                || answer.body().get("status").asInt() != 401 || answer.body().get("title") == null) {
            wrong.add("a problem with type, title, status and detail expected: " + what);
        }
        if (!challenge.equals(answer.headers().firstValue("WWW-Authenticate").orElse(""))) {
            wrong.add("WWW-Authenticate: " + challenge + " expected: " + what);
        }
    }

    /**
     * The console's pages answer a browser, not a script: without a signed-in session, whatever bearer token is sent,
     * a page sends the person to the sign-in page, and a form sent without the session's CSRF token is refused (403)
     * before it reaches the API (nothing is stored: the test above checks the event store's head).
     */
    @Test
    void the_console_asks_for_a_sign_in_and_a_bearer_token_does_not_sign_anyone_in() {
        Set<String> pages = new TreeSet<>(endpoints(true));
        pages.removeIf(page -> page.contains("/console/sign-in"));
        assertThat(pages).hasSizeGreaterThan(10);
        List<String> wrong = new ArrayList<>();
        long head = eventStoreHead();
        for (String request : pages) {
            String method = request.substring(0, request.indexOf(' '));
            String path = request.substring(request.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
            for (LedgerHttp client : List.of(http.anonymous(), http.as(BAD_TOKENS.get(1)), http)) {
                Answer answer = client.send(java.net.http.HttpRequest.newBuilder()
                        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()), path);
                boolean toSignIn = answer.status() == 302 && answer.headers().firstValue("Location").orElse("")
                        .endsWith("/console/sign-in");
                boolean refused = method.equals("POST") && answer.status() == 403;
                if (!(method.equals("GET") ? toSignIn : refused)) {
                    wrong.add(request + " -> " + answer.status() + " " + answer.headers().firstValue("Location")
                            .orElse(""));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(eventStoreHead()).isEqualTo(head);
    }

    private Set<String> endpoints() {
        return endpoints(false);
    }

    /** The API's endpoints, or the console's pages (which the test above judges). */
    private Set<String> endpoints(boolean console) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error") || console != (pattern.equals("/console")
                        || pattern.startsWith("/console/"))) {
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
}
