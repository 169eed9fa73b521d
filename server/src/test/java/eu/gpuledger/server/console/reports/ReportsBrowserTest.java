package eu.gpuledger.server.console.reports;

import eu.gpuledger.server.console.Browser;
import eu.gpuledger.server.console.statements.PaidUseCustomer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage report page in a real browser, in each language: the form, the report by provider and month as a chart
 * and as a table with the figures written for the language, the CSV of the same report downloaded with the person's
 * session, and a bad month refused in the API's words next to the form.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.console.token-sign-in=true")
class ReportsBrowserTest extends OverHttp {

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void an_accountant_reads_usage_by_provider_and_month_as_a_chart_and_a_table_and_downloads_it_as_csv(
            String language) {
        PaidUseCustomer customer = new PaidUseCustomer(http);
        boolean fr = language.equals("fr");
        try (Browser browser = Browser.open(port, language)) {
            browser.signInWithToken(TestTokens.ADMIN);
            browser.go("/console/reports");
            assertThat(browser.text("h1")).isEqualTo(fr ? "Rapport d'utilisation" : "Usage report");
            browser.look("reports-form");

            browser.type("from", "2026-09").type("to", "2026-11");
            browser.find("#groupBy-provider").click();
            assertThat(browser.find("#groupBy-month").isSelected()).as("by month unless told otherwise").isTrue();
            browser.submit("main form button[type=submit]");

            assertThat(browser.driver().getCurrentUrl()).contains("groupBy=provider").contains("groupBy=month");
            WebElement row = browser.all("#usage-table tbody tr").stream()
                    .filter(tr -> tr.getText().contains(customer.provider) && tr.getText().contains("2026-10")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row of " + customer.provider + ": " + browser.text("main")));
            List<String> cells = row.findElements(org.openqa.selenium.By.cssSelector("th, td")).stream()
                    .map(WebElement::getText).toList();
            assertThat(cells.get(0)).isEqualTo(customer.provider);
            assertThat(cells.get(1)).isEqualTo("2026-10");
            assertThat(cells.get(3)).as("consumed").isEqualTo(fr ? "3,50" : "3.50");
            assertThat(cells.get(7)).as("normalised at 2 per GPU-hour").isEqualTo(fr ? "7,00" : "7.00");
            assertThat(cells.get(8)).as("at 2 EUR per GPU-hour").contains(fr ? "7,00" : "7.00").contains("€");
            assertThat(browser.find("canvas[data-chart]").getDomAttribute("aria-label"))
                    .contains(fr ? "par Fournisseur, Mois" : "by Provider, Month");
            Object drawn = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "var c = window.Chart && Chart.getChart(document.querySelector('canvas[data-chart]'));"
                            + " return c ? c.data.datasets.map(function (d) { return d.label; }) : null;");
            assertThat(drawn).as("Chart.js drew a series per provider").asString().contains(customer.provider);
            browser.look("reports-report");

            String csvLink = browser.find("a[href*='usage.csv']").getDomAttribute("href");
            HttpResponse<byte[]> csv = browser.fetch(csvLink);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                    .startsWith("attachment").contains("usage-2026-09-2026-11.csv");
            List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.getFirst()).startsWith("provider,month,grantedGpuHours,consumedGpuHours,");
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .startsWith(customer.provider + ",2026-10,").contains(",3.50,"));

            browser.type("from", "2026-13");
            browser.submit("main form button[type=submit]");
            assertThat(browser.text(".problem")).contains("400").contains("from");
            assertThat(browser.find("#from").getDomProperty("value")).isEqualTo("2026-13");
            browser.look("reports-refused");
        }
    }
}
