package eu.gpuledger.server.console.allocations;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation forms as plain HTTP, without the browser's script that sends a form once: the same form sent twice
 * carries the same command id and books one supplement; a refusal answers the API's status with the page, the
 * problem next to the form and what was typed kept.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.console.token-sign-in=true")
class AllocationFormsOverHttpTest extends OverHttp {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SUPPLEMENT_COMMAND = Pattern.compile(
            "id=\"supplement-form\".*?name=\"commandId\" value=\"([^\"]+)\"", Pattern.DOTALL);

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void a_form_sent_twice_books_once_and_a_refusal_keeps_the_page_with_the_apis_status() {
        Catalogue.idrisWithA100AndV100(http);
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String allocation = "forms-" + run;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Catalogue.grant(http, allocation, "jz-a100", 100, today.minusDays(5) + "T00:00:00Z",
                today.plusDays(5) + "T00:00:00Z", "forms" + run + "@a100");
        String signIn = get("/console/sign-in").body();
        HttpResponse<String> signedIn = post("/console/sign-in", Map.of("token", TestTokens.ADMIN,
                "_csrf", group(CSRF, signIn)));
        assertThat(signedIn.statusCode()).isBetween(302, 303);

        String page = get("/console/allocations/" + allocation).body();
        Map<String, String> supplement = new LinkedHashMap<>();
        supplement.put("_csrf", group(CSRF, page));
        supplement.put("commandId", group(SUPPLEMENT_COMMAND, page));
        supplement.put("gpuHours", "3");
        supplement.put("reason", "sent twice");
        for (int sending = 0; sending < 2; sending++) {
            HttpResponse<String> sent = post("/console/allocations/" + allocation + "/supplement", supplement);
            assertThat(sent.statusCode()).isEqualTo(303);
            assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/console/allocations/" + allocation);
        }
        assertThat(http.get("/api/v1/allocations/" + allocation).body().get("supplemented").get("gpuSeconds")
                .asLong()).isEqualTo(3 * 3600);
        long supplements = 0;
        for (var entry : http.get("/api/v1/allocations/" + allocation + "/history").body()) {
            supplements += entry.get("event").asText().equals("AllocationSupplemented") ? 1 : 0;
        }
        assertThat(supplements).isEqualTo(1);

        HttpResponse<String> clawback = post("/console/allocations/" + allocation + "/clawback", Map.of(
                "_csrf", group(CSRF, page), "commandId", "c-" + run, "gpuHours", "4", "reason", "idle"));
        assertThat(clawback.statusCode()).isEqualTo(422);
        assertThat(clawback.body()).contains("class=\"problem\"", "<span>422</span>")
                .containsPattern("id=\"clawback-gpuHours\"[^>]*value=\"4\"");

        HttpResponse<String> badQuantity = post("/console/allocations/" + allocation + "/supplement", Map.of(
                "_csrf", group(CSRF, page), "commandId", "s-" + run, "gpuHours", "0.00001", "reason", "x"));
        assertThat(badQuantity.statusCode()).isEqualTo(400);
        assertThat(badQuantity.body()).contains("class=\"problem\"", "<span>400</span>")
                .containsPattern("id=\"supplement-gpuHours\"[^>]*value=\"0.00001\"");
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
