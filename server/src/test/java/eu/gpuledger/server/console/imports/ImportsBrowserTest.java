package eu.gpuledger.server.console.imports;

import eu.gpuledger.server.console.Browser;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.TestPropertySource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static eu.gpuledger.server.support.Catalogue.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator sends a sacct export through the console's upload form: the page shows what the ledger accepted
 * and each rejected line with its reason; the job of an account without an allocation is kept and listed, and once
 * its allocation is granted a retry from the page books it; the dashboard shows the import and the read models' lag.
 * A file the ledger refuses whole is shown with the API's problem. In English and in French, each page looked at.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.console.token-sign-in=true")
class ImportsBrowserTest extends OverHttp {

    /** Jobs end yesterday, inside an allocation period around today (sacct prints the cluster's local time). */
    static final String YESTERDAY = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
    static final String PERIOD_START = Instant.now().minus(60, java.time.temporal.ChronoUnit.DAYS)
            .truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();
    static final String PERIOD_END = Instant.now().plus(60, java.time.temporal.ChronoUnit.DAYS)
            .truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();

    private static final String HEADER = "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n";

    private static String job(String jobId, String account, String elapsed) {
        return String.join("|", jobId, jobId, account, "amartin", "gpu_p5",
                "billing=8,cpu=8,gres/gpu:a100=2,gres/gpu=2,mem=4000M,node=1", elapsed,
                YESTERDAY + "T09:00:00", YESTERDAY + "T10:00:00", "COMPLETED") + "\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void an_administrator_imports_a_sacct_file_sees_its_rejected_line_and_retries_the_kept_job(String language)
            throws IOException {
        boolean fr = language.equals("fr");
        String jobs = fr ? "72" : "71"; // Slurm job numbers, apart per language (one database for both runs)
        String account = "bi" + language + "@a100";
        String newAccount = "bi" + language + "-new@a100";
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "bi-" + language + "-a", "jz-a100", 1000, PERIOD_START, PERIOD_END, account);
        Path sacct = Files.createTempFile("jean-zay-" + language + "-", ".txt");
        Files.writeString(sacct, HEADER + job(jobs + "001", account, "3600")
                + job(jobs + "002", account, "an hour")
                + job(jobs + "003", newAccount, "1800") + steps(jobs + "001", STEPS), StandardCharsets.UTF_8);
        assertThat(Files.size(sacct)).as("past the 64 KB of a JSON body: the form takes an import's size")
                .isGreaterThan(64 * 1024);
        Path broken = Files.createTempFile("broken-" + language + "-", ".txt");
        Files.writeString(broken, "JobID|Account\n1|x\n", StandardCharsets.UTF_8);

        try (Browser browser = Browser.open(port, language)) {
            browser.signInWithToken(TestTokens.ADMIN);
            browser.go("/console/imports");
            assertThat(browser.text("h1")).isEqualTo("Imports");
            browser.look("imports-upload");

            // a file the ledger refuses whole: its problem details, next to the form
            upload(browser, broken);
            awaitPage(browser, ".problem");
            assertThat(browser.text(".problem")).contains("400");
            assertThat(browser.find("#sacct-cluster").getDomProperty("value")).isEqualTo("jean-zay");
            browser.look("imports-refused");

            upload(browser, sacct);
            awaitPage(browser, "#accepted");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/imports/result");
            assertThat(browser.text("h1")).isEqualTo(fr ? "Résultat de l'import" : "Import result");
            assertThat(browser.text("#accepted")).as(browser.text("main")).isEqualTo("1");
            assertThat(browser.text("#rejected-total")).isEqualTo("2");
            assertThat(browser.text("#charged")).isEqualTo(fr ? "2,00" : "2.00");
            assertThat(browser.text("#ignored-steps").replaceAll("\\D", "")).isEqualTo("" + STEPS);
            String rejected = browser.text("#rejected");
            assertThat(rejected).contains("3").contains("ElapsedRaw");
            assertThat(rejected).contains("4").contains(newAccount);
            browser.look("imports-result");

            browser.go("/console/imports/unmatched?cluster=jean-zay&account=" + newAccount);
            assertThat(browser.text("#kept")).contains(jobs + "003").contains(newAccount);
            browser.look("imports-unmatched");

            Catalogue.grant(http, "bi-" + language + "-new", "jz-a100", 1000, PERIOD_START, PERIOD_END, newAccount);
            browser.submit("#retry");
            assertThat(browser.driver().getCurrentUrl()).contains("/console/imports/unmatched");
            assertThat(browser.text("#retried")).contains(fr ? "Relance faite" : "Retry done");
            assertThat(browser.all("#kept")).as("the kept job was booked").isEmpty();
            assertThat(ok(http.get("/api/v1/allocations/bi-" + language + "-new")).body()
                    .at("/consumed/gpuSeconds").asLong()).isEqualTo(2 * 1800);
            browser.look("imports-retried");

            browser.go("/console?providerId=idris");
            String imports = browser.text("#dashboard-imports");
            assertThat(imports).contains("jean-zay").contains("token:" + TestTokens.ADMIN_ID);
            assertThat(browser.text("#dashboard-projections")).contains("balances").contains("journal");
            browser.look("dashboard-imports");
        }
    }

    /** Job steps cost nothing (the job's line carries the charge): they make the file large. */
    private static final int STEPS = 1000;

    private static String steps(String jobId, int count) {
        StringBuilder lines = new StringBuilder();
        for (int step = 0; step < count; step++) {
            lines.append(String.join("|", jobId + "." + step, jobId + "." + step, "", "amartin", "gpu_p5",
                    "cpu=8,gres/gpu=2,mem=4000M,node=1", "60", YESTERDAY + "T09:00:00", YESTERDAY + "T09:01:00",
                    "COMPLETED")).append('\n');
        }
        return lines.toString();
    }

    /**
     * A file past the ledger's import limit is answered 413 with the API's problem as soon as its length is
     * declared: the upload form's limits are the import's, and nothing of the body is read.
     */
    @Test
    void an_upload_past_the_import_limit_is_answered_413_before_its_body_is_read() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /console/imports/sacct HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: multipart/form-data; boundary=limit\r\n"
                    + "Content-Length: " + (512L * 1024 * 1024 + 1) + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
            String header;
            boolean problem = false;
            while ((header = in.readLine()) != null && !header.isEmpty()) {
                problem |= header.toLowerCase(java.util.Locale.ROOT).startsWith("content-type: application/problem+json");
            }
            assertThat(problem).as("a problem, not a reset connection").isTrue();
        }
    }

    /** Chooses jean-zay and the file on the sacct form, and sends it (by the page's script, with its progress). */
    private static void upload(Browser browser, Path file) {
        new Select(browser.find("#sacct-cluster")).selectByValue("jean-zay");
        browser.find("#sacct-file").sendKeys(file.toAbsolutePath().toString());
        browser.find("form[action$='/imports/sacct'] button[type=submit]").click();
    }

    /** Waits for the page the upload's answer replaced the form's with. */
    private static void awaitPage(Browser browser, String css) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(driver -> !driver.findElements(By.cssSelector(css)).isEmpty()
                        && "complete".equals(((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript("return document.readyState")));
    }
}
