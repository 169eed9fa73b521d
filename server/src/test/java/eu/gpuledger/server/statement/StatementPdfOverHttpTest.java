package eu.gpuledger.server.statement;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement read as a PDF over HTTP (docs/statement-documents.md): by {@code ?format=pdf} and by
 * {@code Accept: application/pdf}, the same bytes each time once issued, with its number and hash printed; an
 * unknown format is a 400 naming {@code format}, an Accept nothing matches a 406, and Factur-X of a fund statement a
 * 422.
 */
@LedgerIntegrationTest
class StatementPdfOverHttpTest extends OverHttp {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final YearMonth month = YearMonth.now(ZoneOffset.UTC);
    private final HttpClient client = HttpClient.newHttpClient();
    private String statement;

    @BeforeEach
    void anIssuedFundStatementOfAnAllocationWithAJob() {
        Catalogue.idrisWithA100AndV100(http);
        String allocation = "pdf-" + run;
        String account = "pdf" + run + "@a100";
        Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Catalogue.grant(http, allocation, "jz-a100", 100, monthStart.minus(40, ChronoUnit.DAYS).toString(),
                monthStart.plus(300, ChronoUnit.DAYS).toString(), account);
        Instant jobEnd = monthStart.plusSeconds(7_300).isAfter(Instant.now().minus(2, ChronoUnit.MINUTES))
                ? Instant.now().minus(2, ChronoUnit.MINUTES) : monthStart.plusSeconds(7_300);
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:%s", "cluster": "jean-zay", "jobId": "%s", "account": "%s",
                  "partition": "gpu_p5", "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": 60}]"""
                .formatted(run, run, account, jobEnd.truncatedTo(ChronoUnit.SECONDS))));
        statement = "stpdf-" + run;
        Catalogue.ok(http.post("/api/v1/statements", """
                {"statementId": "%s", "funder": "GENCI", "kind": "FUND", "period": "%s", "allocationId": "%s"}"""
                .formatted(statement, month, allocation)));
    }

    @Test
    void an_issued_statement_is_a_pdf_by_format_and_by_accept_the_same_bytes_each_time() throws Exception {
        Answer issued = http.post("/api/v1/statements/" + statement + "/issue", "");
        assertThat(issued.status()).as(issued.text()).isEqualTo(200);
        String number = issued.body().at("/statement/number").asText();
        String hash = issued.body().at("/statement/contentSha256").asText();

        HttpResponse<byte[]> byFormat = get("/api/v1/statements/" + statement + "?format=pdf", null);
        HttpResponse<byte[]> byAccept = get("/api/v1/statements/" + statement, "application/pdf");

        assertThat(byFormat.statusCode()).isEqualTo(200);
        assertThat(byFormat.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/pdf"));
        assertThat(byFormat.headers().firstValue("Statement-Content-SHA256")).contains(hash);
        assertThat(byAccept.body()).as("the same bytes by Accept and later").isEqualTo(byFormat.body());
        try (PDDocument pdf = Loader.loadPDF(byFormat.body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Fund statement").contains("No. " + number)
                    .contains("Content SHA-256 " + hash).contains("Allocation pdf-" + run)
                    .contains("Page 1 / " + pdf.getNumberOfPages());
        }
    }

    @Test
    void a_draft_is_printed_as_a_draft() throws Exception {
        HttpResponse<byte[]> draft = get("/api/v1/statements/" + statement + "?format=pdf", null);

        assertThat(draft.statusCode()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(draft.body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("DRAFT, not issued");
        }
    }

    @Test
    void an_unknown_format_is_refused_naming_the_field_and_an_unmatched_accept_is_not_acceptable() throws Exception {
        Answer unknown = http.get("/api/v1/statements/" + statement + "?format=xlsx");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("detail").asText()).contains("format").contains("pdf").contains("xlsx");

        HttpResponse<byte[]> image = get("/api/v1/statements/" + statement, "image/png");
        assertThat(image.statusCode()).isEqualTo(406);
        assertThat(new String(image.body())).contains("Accept").contains("application/pdf");

        HttpResponse<byte[]> anything = get("/api/v1/statements/" + statement, "text/html, */*;q=0.8");
        assertThat(anything.statusCode()).isEqualTo(200);
        assertThat(anything.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void a_fund_statement_has_no_factur_x_form() {
        Answer facturX = http.get("/api/v1/statements/" + statement + "?format=facturx");

        assertThat(facturX.status()).as(facturX.text()).isEqualTo(422);
        assertThat(facturX.body().get("type").asText()).endsWith("/facturx-not-available");
    }

    private HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Authorization", "Bearer " + TestTokens.ADMIN);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
