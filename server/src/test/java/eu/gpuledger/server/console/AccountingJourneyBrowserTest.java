package eu.gpuledger.server.console;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A month of a centre's accounting in the console, as people do it, signed in at the identity provider
 * ({@link TestIdentityProvider}): Amélie, IDRIS's accountant, grants an allocation, imports last month's {@code sacct}
 * export of Jean Zay, refunds a job that failed on a bad node and transfers hours to another allocation of the
 * project; Gaspard, GENCI's reporting officer, drafts the fund statement of last month for that allocation, issues it
 * and downloads its PDF. Each step's result is read on the page that follows it, and the API agrees. (Statements are
 * a funder's, not a centre's: docs/security.md; so the statement is Gaspard's part.)
 */
@LedgerIntegrationTest
class AccountingJourneyBrowserTest extends OverHttp {

    @DynamicPropertySource
    static void signInAtTheIdentityProvider(DynamicPropertyRegistry properties) {
        TestIdentityProvider.register(properties);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "en"})
    void an_accountant_grants_imports_refunds_and_transfers_and_a_funder_issues_the_statement(String language)
            throws IOException {
        TestIdentityProvider.redirectTo(port);
        boolean fr = language.equals("fr");
        Catalogue.idrisWithA100AndV100(http);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        YearMonth lastMonth = YearMonth.from(today).minusMonths(1);
        String allocation = "journey-" + language + "-a100";
        String other = "journey-" + language + "-v100";
        String account = "jy" + language + "@a100";
        Catalogue.grant(http, other, "jz-v100", 50, lastMonth.atDay(1) + "T00:00:00Z",
                today.plusMonths(3) + "T00:00:00Z", "jy" + language + "@v100");
        String jobs = fr ? "81" : "82"; // Slurm job numbers, apart per language (one database for both runs)
        Path sacct = Files.createTempFile("jean-zay-" + lastMonth + "-", ".txt");
        String day = lastMonth.atDay(10).toString();
        Files.writeString(sacct, "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n"
                + job(jobs + "001", account, day, 7200) + job(jobs + "002", account, day, 3600),
                StandardCharsets.UTF_8);

        try (Browser browser = Browser.open(port, language)) {
            TestIdentityProvider.signIn(browser, "amelie");
            assertThat(browser.text("header .principal")).isEqualTo("amelie");

            // the grant
            browser.go("/console/allocations");
            browser.type("g-allocationId", allocation)
                    .choose("g-projectId", "2026-A0191012641")
                    .choose("g-poolId", "jz-a100")
                    .choose("g-fundingSource", "GENCI")
                    .type("g-gpuHours", "100")
                    .setValue("g-periodStart", lastMonth.atDay(1).toString())
                    .setValue("g-periodEnd", today.plusMonths(3).toString())
                    .type("g-schedulerAccount", account)
                    .submit("form.grant button[type=submit]");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/allocations/" + allocation);
            assertThat(figure(browser, "granted")).isEqualTo(fr ? "100,00" : "100.00");
            browser.look("journey-granted");

            // the import of last month's sacct export: two jobs of 2 GPUs, 2 h and 1 h
            browser.go("/console/imports");
            new org.openqa.selenium.support.ui.Select(browser.find("#sacct-cluster")).selectByValue("jean-zay");
            browser.find("#sacct-file").sendKeys(sacct.toAbsolutePath().toString());
            browser.find("form[action$='/imports/sacct'] button[type=submit]").click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(driver ->
                    !driver.findElements(By.id("accepted")).isEmpty());
            assertThat(browser.text("#accepted")).isEqualTo("2");
            assertThat(browser.text("#charged")).isEqualTo(fr ? "6,00" : "6.00");
            browser.look("journey-imported");

            // the refund of the 2-hour job, from its line in the allocation's history
            browser.go("/console/allocations/" + allocation);
            assertThat(figure(browser, "consumed")).isEqualTo(fr ? "6,00" : "6.00");
            browser.find("a.refund-link[href*='" + jobs + "001']").click();
            assertThat(browser.find("#refund-recordId").getDomProperty("value")).contains(jobs + "001");
            browser.type("refund-reason", fr ? "nœud défaillant" : "failed node");
            browser.submit("#refund-form button[type=submit]");
            assertThat(figure(browser, "refunded")).isEqualTo(fr ? "4,00" : "4.00");

            // a transfer of 10 hours to the project's V100 allocation (A100 counts twice: 20 V100 hours)
            browser.type("transfer-toAllocationId", other).type("transfer-gpuHours", "10")
                    .type("transfer-reason", fr ? "campagne V100" : "V100 campaign");
            browser.submit("#transfer-form button[type=submit]");
            assertThat(browser.text(".transfer-result")).contains(other);
            assertThat(figure(browser, "transferredOut")).isEqualTo(fr ? "10,00" : "10.00");
            assertThat(figure(browser, "balance")).as("100 - 6 + 4 - 10").isEqualTo(fr ? "88,00" : "88,00"
                    .replace(',', '.'));
            browser.look("journey-transferred");
            assertThat(http.get("/api/v1/allocations/" + other).body().at("/transferredIn/gpuSeconds").asLong())
                    .as("the API agrees").isEqualTo(20 * 3600);

            browser.submit("header .who button");
            assertThat(browser.driver().getCurrentUrl()).as("signed out at the identity provider too, and back")
                    .isEqualTo("http://localhost:" + port + "/console/sign-in?signedOut");

            // the fund statement of last month, by GENCI's reporting officer
            TestIdentityProvider.signIn(browser, "gaspard");
            assertThat(browser.driver().getCurrentUrl()).as(browser.text("body"))
                    .isEqualTo("http://localhost:" + port + "/console");
            assertThat(browser.text("header .principal")).isEqualTo("gaspard");
            browser.go("/console/statements/new");
            browser.choose("funder", "GENCI").choose("kind", "FUND").type("period", lastMonth.toString())
                    .type("allocationId", allocation);
            browser.submit("#draft-form button[type=submit]");
            assertThat(browser.text("dl.facts")).contains(fr ? "Brouillon" : "Draft");
            browser.submit("#issue-form button[type=submit]");
            assertThat(browser.text("dl.facts")).contains(fr ? "Émis" : "Issued");
            browser.look("journey-statement-issued");

            HttpResponse<byte[]> pdf = browser.fetch(browser.find("#download-pdf").getDomAttribute("href"));
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                String text = new PDFTextStripper().getText(document);
                assertThat(text).contains(allocation).contains("6.00");
            }
        }
    }

    private static String job(String jobId, String account, String day, long elapsedSeconds) {
        return String.join("|", jobId, jobId, account, "amartin", "gpu_p5",
                "billing=8,cpu=8,gres/gpu:a100=2,gres/gpu=2,mem=4000M,node=1", Long.toString(elapsedSeconds),
                day + "T09:00:00", day + "T12:00:00", "COMPLETED") + "\n";
    }

    private static String figure(Browser browser, String bucket) {
        return browser.text("#figure-" + bucket).replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
