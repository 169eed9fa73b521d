package eu.gpuledger.server.console.allocations;

import eu.gpuledger.server.console.Browser;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A centre accountant's day on the allocations pages, in a real browser and in each language: they grant an
 * allocation with the form, find it in the list, supplement it with a double click that books one supplement, meet
 * the ledger's refusal of a claw-back without a warning next to that form, refund a job charged by the API from its
 * line in the history, and transfer hours to another allocation, seeing both balances move. Every page is looked
 * at (screenshot and axe).
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.console.token-sign-in=true")
class AllocationPagesBrowserTest extends OverHttp {

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void an_accountant_grants_supplements_refunds_and_transfers_from_the_allocation_pages(String language) {
        Catalogue.idrisWithA100AndV100(http);
        String run = language + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String allocation = "console-" + run + "-a100";
        String other = "console-" + run + "-v100";
        String account = "acc" + run.replace("-", "") + "@a100";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Catalogue.grant(http, other, "jz-v100", 50, today.minusDays(30) + "T00:00:00Z",
                today.plusDays(60) + "T00:00:00Z", "acc" + run.replace("-", "") + "@v100");
        String accountant = token("accountant-" + run);
        boolean french = language.equals("fr");

        try (Browser browser = Browser.open(port, language)) {
            browser.signInWithToken(accountant);

            // the grant, through the list page's form
            browser.go("/console/allocations");
            browser.lookWhole("allocations-list-with-form");
            browser.type("g-allocationId", allocation)
                    .choose("g-projectId", "2026-A0191012641")
                    .choose("g-poolId", "jz-a100")
                    .choose("g-fundingSource", "GENCI")
                    .type("g-gpuHours", "100")
                    .setValue("g-periodStart", today.minusDays(30).toString())
                    .setValue("g-periodEnd", today.minusDays(31).toString())
                    .type("g-schedulerAccount", account)
                    .submit("form.grant button[type=submit]");
            // a period that ends before it starts: the ledger's 400 next to the form, what was typed kept
            assertThat(browser.text("section .problem")).contains("400", "periodEnd");
            assertThat(browser.find("#g-allocationId").getDomProperty("value")).isEqualTo(allocation);
            assertThat(browser.find("#g-poolId").getDomProperty("value")).isEqualTo("jz-a100");
            browser.lookWhole("allocations-grant-refused");
            browser.setValue("g-periodEnd", today.plusDays(60).toString())
                    .submit("form.grant button[type=submit]");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/allocations/" + allocation);
            assertThat(browser.text(".done")).contains(allocation);
            assertThat(figure(browser, "granted")).isEqualTo(french ? "100,00" : "100.00");
            assertThat(browser.text("h1")).contains(allocation);

            // found in the list by its scheduler account, each row linking to its page
            browser.go("/console/allocations?schedulerAccount=" + account);
            List<WebElement> rows = browser.all("table.allocations tbody tr");
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().getText()).contains(allocation, "jz-a100");
            browser.look("allocations-list");
            browser.submit("table.allocations tbody tr th a");
            assertThat(browser.text("h1")).contains(allocation);

            // a supplement, double-clicked: one supplement, one booking
            browser.type("supplement-gpuHours", "10").type("supplement-reason", "extra campaign");
            browser.doubleClickAndWait("#supplement-form button[type=submit]");
            assertThat(browser.text(".done")).contains(french ? "10 heures GPU" : "10 GPU-hours");
            assertThat(figure(browser, "supplemented")).isEqualTo(french ? "10,00" : "10.00");
            assertThat(historyEvents(browser, french ? "Supplément" : "Supplemented")).isEqualTo(1);
            assertThat(http.get("/api/v1/allocations/" + allocation).body().get("supplemented").get("gpuSeconds")
                    .asLong()).isEqualTo(36_000);

            // a claw-back without a warning: the ledger's refusal next to the form, what was typed kept
            browser.type("clawback-gpuHours", "5").type("clawback-reason", "idle");
            browser.submit("#clawback-form button[type=submit]");
            assertThat(browser.text("#clawback-form .problem")).contains("422");
            assertThat(browser.find("#clawback-gpuHours").getDomProperty("value")).isEqualTo("5");
            assertThat(figure(browser, "clawedBack")).isEqualTo(french ? "0,00" : "0.00");
            browser.look("allocations-refused");

            // a job charged over the API, refunded from its line in the history
            Instant end = Instant.now().minus(1, ChronoUnit.HOURS);
            Catalogue.ok(http.post("/api/v1/usage/records", """
                    [{"recordId": "jean-zay:%s", "cluster": "jean-zay", "jobId": "%s", "account": "%s",
                      "partition": "gpu_p5", "user": "u", "gpus": 8, "start": "%s", "end": "%s",
                      "elapsedSeconds": 7200}]""".formatted(run + "-1", run + "-1", account,
                    end.minus(2, ChronoUnit.HOURS), end)));
            browser.go("/console/allocations/" + allocation);
            assertThat(figure(browser, "consumed")).isEqualTo(french ? "16,00" : "16.00");
            browser.lookWhole("allocations-detail");
            browser.find("a.refund-link").click();
            assertThat(browser.find("#refund-recordId").getDomProperty("value")).isEqualTo("jean-zay:" + run + "-1");
            browser.type("refund-reason", "node failure");
            browser.submit("#refund-form button[type=submit]");
            assertThat(browser.text(".done")).contains("jean-zay:" + run + "-1");
            assertThat(figure(browser, "refunded")).isEqualTo(french ? "16,00" : "16.00");
            assertThat(historyEvents(browser, french ? "Job remboursé" : "Job refunded")).isEqualTo(1);

            // a transfer: its result shown, this balance down, the other's up (A100 hours count twice a V100's)
            browser.type("transfer-toAllocationId", other).type("transfer-gpuHours", "5")
                    .type("transfer-reason", "move to V100");
            browser.submit("#transfer-form button[type=submit]");
            assertThat(browser.text(".transfer-result")).contains(other, french ? "Effectué" : "Completed");
            assertThat(figure(browser, "transferredOut")).isEqualTo(french ? "5,00" : "5.00");
            assertThat(figure(browser, "balance")).isEqualTo(french ? "105,00" : "105.00");
            browser.look("allocations-transferred");
            browser.submit(".transfer-result a");
            assertThat(browser.text("h1")).contains(other);
            assertThat(figure(browser, "transferredIn")).isEqualTo(french ? "10,00" : "10.00");
            assertThat(figure(browser, "balance")).isEqualTo(french ? "60,00" : "60.00");
            browser.lookWhole("allocations-detail-other");

            // a suspension, then its lifting: the state says so, and the form offered changes with it
            browser.type("suspend-reason", "security incident").submit("#suspend-form button[type=submit]");
            assertThat(browser.text(".done")).isNotBlank();
            assertThat(browser.text("dd .state")).isEqualTo(french ? "Suspendue" : "Suspended");
            assertThat(browser.all("#suspend-form")).isEmpty();
            browser.look("allocations-suspended");
            browser.type("resume-reason", "resolved").submit("#resume-form button[type=submit]");
            assertThat(browser.text("dd .state")).isEqualTo("Active");
            assertThat(historyEvents(browser, french ? "Suspension" : "Suspended")).isEqualTo(1);
        }
    }

    private static String figure(Browser browser, String bucket) {
        return browser.text("#figure-" + bucket).replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    private static long historyEvents(Browser browser, String name) {
        return browser.all("table.history .event").stream().filter(event -> event.getText().equals(name)).count();
    }

    private String token(String name) {
        LedgerHttp.Answer created = http.post("/api/v1/admin/tokens", """
                {"name": "%s", "role": "CENTRE_ACCOUNTANT", "scope": ["idris"], "expiresAt": "%s"}"""
                .formatted(name, Instant.now().plus(1, ChronoUnit.DAYS)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("token").asText();
    }
}
