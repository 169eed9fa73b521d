package eu.gpuledger.server.console.statements;

import eu.gpuledger.server.console.Browser;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement's life in the console, in a real browser and each language: a draft refused in the API's words with
 * the input kept, the paid-use statement drafted by the form, its lines on its page, its Factur-X refused while it is a
 * draft, its issue with a number, its PDF, CSV and Factur-X downloaded with the person's session, its credit note,
 * and the list that shows it cancelled.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.console.token-sign-in=true")
class StatementsBrowserTest extends OverHttp {

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void an_accountant_drafts_issues_downloads_and_cancels_a_paid_use_statement(String language)
            throws IOException {
        PaidUseCustomer customer = new PaidUseCustomer(http);
        boolean fr = language.equals("fr");
        try (Browser browser = Browser.open(port, language)) {
            browser.signInWithToken(TestTokens.ADMIN);
            browser.go("/console/statements/new");
            assertThat(browser.text("h1")).isEqualTo(fr ? "Rédiger un relevé" : "Draft a statement");
            browser.choose("funder", "PRIVATE_CONTRACT").choose("kind", "BILLING").type("period", "2026-13")
                    .choose("providerId", customer.provider).type("projectId", customer.project);
            browser.look("statements-new");
            browser.submit("#draft-form button[type=submit]");
            assertThat(browser.text(".problem")).contains("400").contains("period");
            assertThat(browser.find("#projectId").getDomProperty("value")).as("the input kept")
                    .isEqualTo(customer.project);
            browser.look("statements-new-refused");

            browser.type("period", PaidUseCustomer.PERIOD);
            browser.submit("#draft-form button[type=submit]");
            assertThat(browser.driver().getCurrentUrl()).contains("/console/statements/");
            String statementPage = browser.driver().getCurrentUrl().replaceFirst("^https?://[^/]+", "");
            String statementId = statementPage.substring("/console/statements/".length());
            assertThat(browser.text(".done")).contains(statementId);
            assertThat(browser.text("dl.facts")).contains(fr ? "Brouillon" : "Draft")
                    .contains(fr ? "Relevé d'usage payant" : "Paid-use statement");
            assertThat(browser.all("#lines-table tbody")).as(browser.text("main")).isNotEmpty();
            assertThat(browser.text("#lines-table tbody")).contains(customer.allocation)
                    .contains(fr ? "3,50" : "3.50").contains(fr ? "8,42" : "8.42");
            assertThat(browser.text("#totals")).contains(fr ? "8,42" : "8.42");
            browser.look("statements-draft");

            browser.submit("#download-facturx");
            assertThat(browser.text(".problem")).as("a draft is no invoice").contains("422");
            browser.look("statements-facturx-refused");

            browser.go(statementPage);
            browser.submit("#issue-form button[type=submit]");
            assertThat(browser.text(".done")).contains("PRIVATE_CONTRACT-");
            assertThat(browser.text("dl.facts")).contains(fr ? "Émis" : "Issued").contains("PRIVATE_CONTRACT-");
            browser.look("statements-issued");

            HttpResponse<byte[]> pdf = browser.fetch(browser.find("#download-pdf").getDomAttribute("href"));
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
                    .isEqualTo("attachment; filename=\"" + statementId + ".pdf\"");
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(document)).contains(customer.allocation).contains("8.42");
            }
            HttpResponse<byte[]> csv = browser.fetch(browser.find("#download-csv").getDomAttribute("href"));
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment")
                    .contains(statementId + ".csv");
            assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("statementId,number,funder,")
                    .contains(",LINE,1," + customer.allocation + ",").contains(",TOTAL,");
            HttpResponse<byte[]> facturX = browser.fetch(browser.find("#download-facturx").getDomAttribute("href"));
            assertThat(facturX.statusCode()).isEqualTo(200);
            assertThat(facturX.headers().firstValue("Content-Disposition").orElse(""))
                    .contains(statementId + "-facturx.pdf");
            assertThat(new String(facturX.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

            browser.type("reason", fr ? "Mauvais client" : "Wrong customer");
            browser.submit("#credit-note-form button[type=submit]");
            assertThat(browser.text(".done")).isNotBlank();
            assertThat(browser.text("dl.facts")).contains(fr ? "Annulé par un avoir" : "Cancelled by a credit note")
                    .contains(fr ? "Mauvais client" : "Wrong customer");
            assertThat(browser.all("#credit-note-form")).as("cancelled once").isEmpty();
            browser.look("statements-cancelled");

            browser.go("/console/statements?providerId=" + customer.provider);
            assertThat(browser.text("main table tbody")).contains(statementId)
                    .contains(fr ? "Annulé par un avoir" : "Cancelled by a credit note");
            browser.look("statements-list");

            String fund = "console-fund-" + customer.run;
            Catalogue.ok(http.post("/api/v1/statements", """
                    {"statementId": "%s", "funder": "PRIVATE_CONTRACT", "kind": "FUND", "period": "%s",
                     "allocationId": "%s"}""".formatted(fund, PaidUseCustomer.PERIOD, customer.allocation)));
            browser.go("/console/statements/" + fund);
            assertThat(browser.text("dl.facts")).contains(fr ? "Relevé de fonds" : "Fund statement");
            assertThat(browser.text("main table tbody")).contains(fr ? "Consommée" : "Consumed")
                    .contains(fr ? "3,50" : "3.50").contains(fr ? "96,50" : "96.50");
            assertThat(browser.all("#download-facturx")).as("only a paid-use statement is an invoice").isEmpty();
            browser.look("statements-fund");
        }
    }
}
