package eu.gpuledger.server.statement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mustangproject.ZUGFeRD.ZUGFeRDImporter;
import org.mustangproject.validator.ZUGFeRDValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One issued statement of each kind (a FUND statement of an allocation, the EuroHPC JU billing statement of a hosting
 * provider, a private provider's paid-use statement) in each of its formats, compared with golden files under
 * {@code src/test/resources/golden/statements/}: JSON, CSV, the PDF by its extracted text, and the paid-use
 * statement's Factur-X by Mustang's validator and by its embedded invoice XML. What differs between runs (the issue
 * time, the number a funder's series gives, the content hash, today's and the due date) is masked, nothing else.
 * {@code -Dgolden.update=true} writes the files anew, to be read and committed.
 */
@LedgerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementGoldenFilesTest extends OverHttp {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "statements");
    private static final long HOUR = 3600;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private boolean issued;

    /** Once for the class, after the connection to the ledger is made (the tests share the three statements). */
    private void threeIssuedStatements() {
        if (issued) {
            return;
        }
        issued = true;
        aHostingProviderWithJuFundedUsage();
        aPrivateProviderWithACustomer();
        draftAndIssue("golden-fund", """
                {"statementId": "golden-fund", "funder": "GENCI", "kind": "FUND", "period": "2026-09",
                 "allocationId": "golden-genci"}""");
        draftAndIssue("golden-ju", """
                {"statementId": "golden-ju", "funder": "EUROHPC_JU", "kind": "BILLING", "period": "2026-09",
                 "providerId": "golden-alice"}""");
        draftAndIssue("golden-paid", """
                {"statementId": "golden-paid", "funder": "PRIVATE_CONTRACT", "kind": "BILLING", "period": "2026-09",
                 "providerId": "golden-cloud", "projectId": "golden-customer"}""");
    }

    @Test
    void the_fund_statement_in_json_csv_and_pdf() throws IOException {
        threeIssuedStatements();
        assertAllFormats("golden-fund", "fund");
    }

    @Test
    void the_ju_billing_statement_in_json_csv_and_pdf() throws IOException {
        threeIssuedStatements();
        assertAllFormats("golden-ju", "ju-billing");
    }

    @Test
    void the_paid_use_statement_in_json_csv_pdf_and_factur_x() throws IOException {
        threeIssuedStatements();
        assertAllFormats("golden-paid", "paid-use");

        HttpResponse<byte[]> invoice = http.bytes("/api/v1/statements/golden-paid?format=facturx");
        assertThat(invoice.statusCode()).isEqualTo(200);
        Files.write(Path.of("target", "paid-use.facturx.pdf"), invoice.body());
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(invoice.body(), "golden-paid.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        ZUGFeRDImporter importer = new ZUGFeRDImporter(new ByteArrayInputStream(invoice.body()));
        assertGolden("paid-use.facturx.xml", importer.getUTF8());
    }

    private void assertAllFormats(String statementId, String name) throws IOException {
        Answer json = http.get("/api/v1/statements/" + statementId + "?format=json");
        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertGolden(name + ".json", JSON.writeValueAsString(JSON.readTree(json.text())) + "\n");
        Answer csv = http.get("/api/v1/statements/" + statementId + "?format=csv");
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertGolden(name + ".csv", csv.text());
        HttpResponse<byte[]> pdf = http.bytes("/api/v1/statements/" + statementId + "?format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        Files.write(Path.of("target", name + ".pdf"), pdf.body()); // to look at (docs/statement-documents.md)
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertGolden(name + ".pdf.txt", new PDFTextStripper().getText(document));
        }
    }

    private static void assertGolden(String file, String drawn) throws IOException {
        String masked = masked(drawn);
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, masked, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (-Dgolden.update=true writes it)", golden).exists();
        assertThat(masked).as(file).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** What differs between two runs of the same statement, and nothing else, replaced by a placeholder. */
    static String masked(String text) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String result = text.replaceAll("[0-9a-f]{64}", "<sha256>")
                .replaceAll("\\b(GENCI|EUROHPC_JU|PRIVATE_CONTRACT)-\\d{4}-\\d{6}\\b", "$1-<year>-<number>");
        for (LocalDate day : new LocalDate[]{today, today.minusDays(1), today.plusDays(30), today.plusDays(29)}) {
            String iso = day.toString();
            result = result.replaceAll(iso + "T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<issued-at>")
                    .replaceAll(iso + " \\d{2}:\\d{2}:\\d{2}", "<issued-at>")
                    .replace(iso, "<date>")
                    .replace(day.format(DateTimeFormatter.BASIC_ISO_DATE), "<date>");
        }
        return result;
    }

    private void draftAndIssue(String statementId, String request) {
        Answer drafted = http.post("/api/v1/statements", request);
        assertThat(drafted.status()).as(drafted.text()).isEqualTo(200);
        Answer issued = http.post("/api/v1/statements/" + statementId + "/issue", "");
        assertThat(issued.status()).as(issued.text()).isEqualTo(200);
    }

    private void aHostingProviderWithJuFundedUsage() {
        Catalogue.ok(http.put("/api/v1/providers/golden-alice", """
                {"name": "TGCC (CEA), Alice Recoque", "kind": "PUBLIC", "euroHpcHosted": true,
                 "juSharePercent": 1}"""));
        Catalogue.ok(http.put("/api/v1/clusters/golden-alice-cluster", """
                {"providerId": "golden-alice", "timeZone": "UTC"}"""));
        Catalogue.ok(http.put("/api/v1/pools/golden-h100", """
                {"providerId": "golden-alice", "cluster": "golden-alice-cluster", "partition": "h100", "gpuModel": "H100",
                 "gpusPerNode": 1, "cpusPerNode": 8, "nodes": 1, "charged": true}"""));
        Catalogue.ok(http.post("/api/v1/pools/golden-h100/factors", """
                {"effectiveFrom": "2020-01-01T00:00:00Z", "normalisedPerGpuHour": 2}"""));
        Catalogue.ok(http.post("/api/v1/rates", """
                {"rateId": "golden-ju-1", "funder": "EUROHPC_JU", "poolId": "golden-h100",
                 "effectiveFrom": "2020-01-01T00:00:00Z", "eurPerGpuHour": "1.00"}"""));
        Catalogue.ok(http.post("/api/v1/rates", """
                {"rateId": "golden-ju-2", "funder": "EUROHPC_JU", "poolId": "golden-h100",
                 "effectiveFrom": "2026-09-16T00:00:00Z", "eurPerGpuHour": "1.50"}"""));
        project("golden-research", "EUROHPC_AI_FACTORY", "ACADEMIC", "Inria");
        project("golden-company", "PAID", "LARGE_COMPANY", "Aéro SA");
        project("golden-national", "AR", "ACADEMIC", "CNRS");
        grant("golden-ju-r", "golden-research", "golden-h100", "EUROHPC_JU", "gr@h100");
        grant("golden-ju-c", "golden-company", "golden-h100", "EUROHPC_JU", "gc@h100");
        grant("golden-genci", "golden-national", "golden-h100", "GENCI", "gg@h100");
        usage(job("golden-alice-cluster", "r1", "gr@h100", 2 * HOUR, "2026-09-10T12:00:00Z"),
                job("golden-alice-cluster", "r2", "gr@h100", 3 * HOUR, "2026-09-20T12:00:00Z"),
                job("golden-alice-cluster", "c1", "gc@h100", HOUR, "2026-09-05T12:00:00Z"),
                job("golden-alice-cluster", "g1", "gg@h100", 5 * HOUR, "2026-09-07T12:00:00Z"),
                job("golden-alice-cluster", "g2", "gg@h100", 4 * HOUR, "2026-09-21T08:00:00Z"));
    }

    private void aPrivateProviderWithACustomer() {
        Catalogue.ok(http.put("/api/v1/providers/golden-cloud", """
                {"name": "Cloud Nord", "kind": "PRIVATE", "euroHpcHosted": false}"""));
        Catalogue.ok(http.put("/api/v1/clusters/golden-cloud-cluster", """
                {"providerId": "golden-cloud", "timeZone": "UTC"}"""));
        Catalogue.ok(http.put("/api/v1/pools/golden-l40s", """
                {"providerId": "golden-cloud", "cluster": "golden-cloud-cluster", "partition": "l40s", "gpuModel": "L40S",
                 "gpusPerNode": 4, "cpusPerNode": 32, "charged": true}"""));
        Catalogue.ok(http.post("/api/v1/rates", """
                {"rateId": "golden-pc-1", "funder": "PRIVATE_CONTRACT", "poolId": "golden-l40s",
                 "effectiveFrom": "2020-01-01T00:00:00Z", "eurPerGpuHour": "2.405"}"""));
        project("golden-customer", "PAID", "STARTUP_SME", "Startup Golden SAS");
        grant("golden-pc-a", "golden-customer", "golden-l40s", "PRIVATE_CONTRACT", "gp@l40s");
        Catalogue.ok(http.put("/api/v1/providers/golden-cloud/invoicing-details", """
                {"name": "Cloud Nord SAS", "street": "12 rue des Serveurs", "postcode": "59000", "city": "Lille",
                 "countryCode": "FR", "vatId": "FR40303265045", "legalRegistrationId": "303265045",
                 "legalRegistrationScheme": "0002"}"""));
        Catalogue.ok(http.put("/api/v1/projects/golden-customer/invoicing-details", """
                {"name": "Startup Golden SAS", "street": "3 quai de la Loire", "postcode": "75019", "city": "Paris",
                 "countryCode": "FR", "vatId": "FR83404833048"}"""));
        usage(job("golden-cloud-cluster", "p1", "gp@l40s", 2 * HOUR, "2026-09-14T10:00:00Z"),
                job("golden-cloud-cluster", "p2", "gp@l40s", HOUR + HOUR / 2, "2026-09-15T10:00:00Z"));
    }

    private void project(String projectId, String accessMode, String audience, String organisation) {
        Catalogue.ok(http.put("/api/v1/projects/" + projectId, """
                {"title": "Project %s", "principalInvestigator": "P. I.", "organisation": "%s",
                 "audience": "%s", "sector": "ai", "accessMode": "%s"}"""
                .formatted(projectId, organisation, audience, accessMode)));
    }

    private void grant(String allocationId, String projectId, String pool, String funder, String account) {
        Catalogue.ok(http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "%s", "poolId": "%s", "fundingSource": "%s", "gpuHours": 1000,
                 "periodStart": "2026-08-01T00:00:00Z", "periodEnd": "2027-08-01T00:00:00Z",
                 "schedulerAccount": "%s"}""".formatted(allocationId, projectId, pool, funder, account)));
    }

    private static String job(String cluster, String jobId, String account, long elapsedSeconds, String end) {
        String partition = account.substring(account.indexOf('@') + 1);
        return """
                {"recordId": "%s:%s", "cluster": "%s", "jobId": "%s", "account": "%s", "partition": "%s",
                 "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": %d}"""
                .formatted(cluster, jobId, cluster, jobId, account, partition, end, elapsedSeconds);
    }

    private void usage(String... jobs) {
        Answer imported = Catalogue.ok(http.post("/api/v1/usage/records", "[" + String.join(",", jobs) + "]"));
        assertThat(imported.body().get("accepted").asInt()).as(imported.text()).isEqualTo(jobs.length);
    }
}
