package eu.gpuledger.server.console.admin;

import com.sun.net.httpserver.HttpServer;
import eu.gpuledger.server.console.Browser;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration pages in a real browser, as an administrator, in each language: a provider, a cluster, a pool,
 * a factor and a project registered through the forms and listed; a refused time zone shown beside its form with the
 * input kept; a provider's name corrected and both versions in its history; a token issued and shown once (and
 * usable); a webhook to a receiver on this machine registered, its secret shown once, a notice delivered and listed
 * in its delivery log, then redelivered; a rate added and listed.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.console.token-sign-in=true", "ledger.webhooks.development-mode=true",
        "ledger.webhooks.allowed-hosts=hooks.example.org",
        "ledger.webhooks.sender-every=PT0.1S", "ledger.webhooks.attempt-timeout=PT2S"})
class AdminPagesBrowserTest extends OverHttp {

    static final Duration WAIT = Duration.ofSeconds(30);

    HttpServer receiver;
    final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startTheReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void an_administrator_keeps_the_catalogue_tokens_webhooks_and_rates_through_the_pages(String language)
            throws Exception {
        boolean fr = language.equals("fr");
        String provider = "prov-" + language;
        String cluster = "clu-" + language;
        String pool = "pool-" + language;
        String project = "2026-ADM-" + language;
        try (Browser browser = Browser.open(port, language)) {
            browser.signInWithToken(TestTokens.ADMIN);
            browser.go("/console/admin");
            assertThat(browser.text("h1")).isEqualTo("Administration");
            assertThat(browser.all("main a[href='/console/admin/tokens']")).hasSize(1);
            browser.look("admin-index");

            // the catalogue: a provider, a refused cluster, the same cluster right, a pool and its factor
            browser.go("/console/admin/catalogue");
            browser.look("admin-catalogue-empty");
            browser.type("providerId", provider).type("name", "Provider " + language + " typo");
            choose(browser, "kind", "PUBLIC");
            browser.submit("form[method=post][action$='/catalogue/providers'] button[type=submit]");
            assertThat(browser.text(".done")).contains(provider);
            assertThat(browser.text("#providers")).contains(provider).contains("Provider " + language + " typo");
            assertThat(((JavascriptExecutor) browser.driver()).executeScript(
                    "return performance.getEntriesByType('navigation')[0].redirectCount"))
                    .as("a success redirects to the page of the result").isEqualTo(1L);

            browser.type("cluster", cluster);
            choose(browser, "clusterProviderId", provider);
            browser.type("timeZone", "Mars/Olympus_Mons");
            browser.submit("form[method=post][action$='/catalogue/clusters'] button[type=submit]");
            assertThat(browser.text("form[action$='/catalogue/clusters'] .problem"))
                    .as("the API's refusal beside the form").contains("400").contains("timeZone");
            assertThat(((JavascriptExecutor) browser.driver()).executeScript(
                    "return performance.getEntriesByType('navigation')[0].responseStatus"))
                    .as("the page comes with the API's status").isEqualTo(400L);
            assertThat(browser.find("#timeZone").getDomProperty("value")).isEqualTo("Mars/Olympus_Mons");
            assertThat(browser.find("#cluster").getDomProperty("value")).isEqualTo(cluster);
            assertThat(browser.find("#clusterProviderId").getDomProperty("value")).isEqualTo(provider);
            assertThat(browser.all("form[action$='/catalogue/providers'] .problem")).as("only beside its form")
                    .isEmpty();
            assertThat(count("SELECT count(*) FROM view_cluster WHERE cluster = '" + cluster + "'"))
                    .as("nothing stored").isZero();
            browser.look("admin-catalogue-refused");

            browser.type("timeZone", "Europe/Paris");
            browser.submit("form[method=post][action$='/catalogue/clusters'] button[type=submit]");
            assertThat(browser.all(".problem")).isEmpty();
            assertThat(browser.text("#clusters")).contains(cluster).contains("Europe/Paris");

            browser.type("poolId", pool);
            choose(browser, "poolProviderId", provider);
            choose(browser, "poolCluster", cluster);
            browser.type("partition", "gpu_" + language).type("gpuModel", "H100").type("gpusPerNode", "4")
                    .type("cpusPerNode", "32").type("nodes", "10");
            browser.submit("form[method=post][action$='/catalogue/pools'] button[type=submit]");
            assertThat(browser.text(".done")).contains(pool);

            choose(browser, "factorPoolId", pool);
            browser.type("effectiveFrom", "2020-01-01").type("normalisedPerGpuHour", fr ? "1,5" : "1.5");
            browser.submit("form[method=post][action$='/catalogue/factors'] button[type=submit]");
            assertThat(browser.text(".done")).contains(pool);
            String pools = browser.text("#pools");
            assertThat(pools).contains(pool).contains("H100").contains(fr ? "10 nœuds" : "10 nodes")
                    .contains(fr ? "1,5 à partir du" : "1.5 from");

            choose(browser, "pricePoolId", pool);
            browser.type("priceEffectiveFrom", "2026-01-01T00:00:00Z").type("eurPerGpuHour", "2.40");
            browser.submit("form[method=post][action$='/catalogue/prices'] button[type=submit]");
            assertThat(browser.text("#pools")).contains(fr ? "2,40" : "2.40");

            choose(browser, "correctedProviderId", provider);
            browser.type("correctedName", "Provider " + language).type("providerReason", "typo in the name");
            browser.submit("form[method=post][action$='/catalogue/provider-corrections'] button[type=submit]");
            assertThat(browser.text("#providers")).contains("Provider " + language).doesNotContain("typo");
            browser.look("admin-catalogue");
            browser.go("/console/admin/catalogue/providers/" + provider + "/history");
            assertThat(browser.all("#history tbody tr")).as("the registration and the correction").hasSize(2);
            assertThat(browser.text("#history")).contains("typo in the name").contains("token:" + TestTokens.ADMIN_ID);
            browser.look("admin-history");

            // a project, registered and found
            browser.go("/console/admin/catalogue/projects");
            browser.type("projectId", project).type("title", "Météo des GPU " + language)
                    .type("principalInvestigator", "A. Martin").type("organisation", "CNRS").type("sector", "climate");
            choose(browser, "audience", "ACADEMIC");
            choose(browser, "accessMode", "GENCI_REGULAR");
            browser.submit("form[method=post][action$='/catalogue/projects'] button[type=submit]");
            assertThat(browser.text(".done")).contains(project);
            assertThat(browser.text("#projects")).contains(project).contains("A. Martin");
            browser.type("correctedProjectId", project).type("correctedTitle", "Météo des GPU " + language)
                    .type("correctedPrincipalInvestigator", "A. Martin-Dupont").type("correctedOrganisation", "CNRS")
                    .type("reason", "the PI's full name");
            browser.submit("form[method=post][action$='/catalogue/project-corrections'] button[type=submit]");
            assertThat(browser.text(".done")).contains(project);
            assertThat(browser.text("#projects")).contains("A. Martin-Dupont");
            browser.go("/console/admin/catalogue/projects/" + project + "/history");
            assertThat(browser.text("#history")).contains("A. Martin").contains("A. Martin-Dupont")
                    .contains(fr ? "Responsable scientifique" : "Principal investigator");
            browser.go("/console/admin/catalogue/projects?q=meteo+" + language);
            assertThat(browser.all("#projects tbody tr")).as("found without its accent").hasSize(1);
            browser.look("admin-projects");

            // an API token, shown once, that works
            browser.go("/console/admin/tokens");
            browser.type("name", "robot-" + language);
            choose(browser, "role", "AUDITOR");
            browser.type("expiresAt", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
            browser.submit("form[method=post][action$='/console/admin/tokens'] button[type=submit]");
            String token = browser.find("#issuedToken").getDomProperty("value");
            assertThat(token).startsWith("gpl_");
            assertThat(http.as(token).get("/api/v1/me").status()).as("the token shown works").isEqualTo(200);
            assertThat(browser.text("main table")).contains("robot-" + language);
            browser.look("admin-tokens");
            browser.go("/console/admin/tokens");
            assertThat(browser.all("#issuedToken")).as("shown once").isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain(token);
            browser.submit("form[action$='/revoke'] button[aria-label$='robot-" + language + "']");
            assertThat(browser.text(".done")).contains(fr ? "révoqué" : "revoked");
            assertThat(http.as(token).get("/api/v1/me").status()).as("revoked").isEqualTo(401);

            // a webhook: its secret once, a notice delivered, the delivery log, a redelivery
            browser.go("/console/admin/webhooks");
            String webhook = "hook-" + language;
            browser.type("webhookId", webhook)
                    .type("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            browser.find("#event-THRESHOLD_CROSSED").click();
            choose(browser, "providerId", provider);
            browser.submit("form[method=post][action$='/console/admin/webhooks'] button[type=submit]");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/admin/webhooks/" + webhook);
            String secret = browser.find("#secret").getDomProperty("value");
            assertThat(secret).startsWith("whsec_");
            browser.look("admin-webhook-secret");

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Catalogue.ok(http.post("/api/v1/allocations", """
                    {"allocationId": "adm-%s", "projectId": "%s", "poolId": "%s", "fundingSource": "GENCI",
                     "gpuHours": 10, "periodStart": "%s", "periodEnd": "%s", "schedulerAccount": "acct-%s@h100"}"""
                    .formatted(language, project, pool, now.minus(30, ChronoUnit.DAYS),
                            now.plus(300, ChronoUnit.DAYS), language)));
            Catalogue.ok(http.post("/api/v1/usage/records", """
                    [{"recordId": "%s:job-1", "cluster": "%s", "jobId": "job-1", "account": "acct-%s@h100",
                      "partition": "gpu_%s", "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": %d}]"""
                    .formatted(cluster, cluster, language, language, now.minus(1, ChronoUnit.HOURS), 9 * 3600)));
            await("the notice of 80% crossed reaches the receiver", () -> received.get() >= 1);
            await("the delivery log shows it delivered", () -> {
                browser.go("/console/admin/webhooks/" + webhook);
                return browser.all("table.deliveries tbody tr").size() == 1
                        && browser.text("table.deliveries").contains(fr ? "Remise" : "Delivered");
            });
            assertThat(browser.text("table.deliveries")).contains(fr ? "Seuil franchi" : "Threshold crossed")
                    .contains("HTTP 204").contains("ms");
            assertThat(browser.all("#secret")).as("the secret is shown once").isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain(secret.substring(6));
            browser.look("admin-webhook");

            browser.submit("table.deliveries button[type=submit]");
            assertThat(browser.text(".done")).contains("webhook-id");
            await("the redelivery reaches the receiver", () -> received.get() >= 2);

            browser.submit("form[action$='/disable'] button[type=submit]");
            assertThat(browser.text("dl.facts")).contains(fr ? "désactivé" : "disabled");
            browser.go("/console/admin/webhooks");
            assertThat(browser.text("main table")).contains(webhook).contains(provider);
            browser.look("admin-webhooks");

            // a rate card entry
            browser.go("/console/admin/rates");
            choose(browser, "funder", "GENCI");
            choose(browser, "poolId", pool);
            browser.type("effectiveFrom", "2026-01-01").type("amount", fr ? "1,25" : "1.25");
            browser.submit("form[method=post][action$='/console/admin/rates'] button[type=submit]");
            assertThat(browser.text(".done")).contains(pool);
            assertThat(browser.text("main table")).contains(pool).contains(fr ? "1,25" : "1.25");
            browser.look("admin-rates");
        }
    }

    /**
     * What other roles see: an auditor reads the catalogue and the rates without a form and is refused the tokens in
     * the API's words; a centre accountant registers a webhook of its provider, and one of every provider (the
     * administrators') is refused beside the form with what was typed kept.
     */
    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void an_auditor_reads_without_forms_and_a_centre_accountant_meets_the_api_refusals_inline(String language) {
        String provider = "scope-" + language;
        Catalogue.ok(http.put("/api/v1/providers/" + provider, """
                {"name": "Scoped %s", "kind": "PRIVATE", "euroHpcHosted": false}""".formatted(language)));
        String until = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        String auditor = Catalogue.ok(http.post("/api/v1/admin/tokens", """
                {"name": "auditor-%s", "role": "AUDITOR", "expiresAt": "%s"}""".formatted(language, until)))
                .body().get("token").asText();
        String accountant = Catalogue.ok(http.post("/api/v1/admin/tokens", """
                {"name": "accountant-%s", "role": "CENTRE_ACCOUNTANT", "scope": ["%s"], "expiresAt": "%s"}"""
                .formatted(language, provider, until))).body().get("token").asText();

        try (Browser browser = Browser.open(port, language)) {
            browser.signInWithToken(auditor);
            browser.go("/console/admin");
            assertThat(browser.all("main a[href='/console/admin/tokens']")).isEmpty();
            assertThat(browser.all("main a[href='/console/admin/catalogue']")).hasSize(1);
            browser.go("/console/admin/catalogue");
            assertThat(browser.text("#providers")).contains(provider);
            assertThat(browser.all("main form[method=post]")).as("read-only").isEmpty();
            browser.go("/console/admin/rates");
            assertThat(browser.all("main form[method=post]")).isEmpty();
            browser.go("/console/admin/tokens");
            assertThat(browser.text(".problem")).contains("403");
            browser.look("admin-tokens-auditor");
        }
        try (Browser browser = Browser.open(port, language)) {
            browser.signInWithToken(accountant);
            browser.go("/console/admin/webhooks");
            browser.type("webhookId", "every-" + language).type("url", "https://hooks.example.org/x");
            browser.find("#event-BLOCKED").click();
            browser.submit("form[method=post][action$='/console/admin/webhooks'] button[type=submit]");
            assertThat(browser.text("form .problem")).contains("403");
            assertThat(browser.find("#webhookId").getDomProperty("value")).isEqualTo("every-" + language);
            assertThat(browser.find("#event-BLOCKED").isSelected()).as("the input kept").isTrue();
            browser.look("admin-webhooks-refused");
        }
    }

    private static void choose(Browser browser, String id, String value) {
        new Select(browser.find("#" + id)).selectByValue(value);
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for: %s", what).isBefore(until);
            Thread.sleep(250);
        }
    }
}
