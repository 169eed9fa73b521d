package eu.gpuledger.server.statement;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mustangproject.validator.ZUGFeRDValidator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paid-use statement of a private provider to a customer over HTTP (issue 14): the hours of the customer's project
 * on the provider's pools times the PRIVATE_CONTRACT rate in force, with the provider as seller and the customer's
 * organisation as buyer. Each test has its own provider, pool, customer and a second customer whose hours must not
 * appear.
 */
@LedgerIntegrationTest
class PaidUseStatementsOverHttpTest extends OverHttp {

    private static final long HOUR = 3600;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String provider = "cloud-" + run;
    private final String cluster = "nord-" + run;
    private final String pool = "cl-l40s-" + run;
    private final String customer = "2026-PAID-" + run;
    private final String other = "2026-PAID-" + run + "-B";

    @BeforeEach
    void aPrivateProviderWithTwoCustomers() {
        Catalogue.ok(http.put("/api/v1/providers/" + provider, """
                {"name": "Cloud Nord %s", "kind": "PRIVATE", "euroHpcHosted": false}""".formatted(run)));
        Catalogue.ok(http.put("/api/v1/clusters/" + cluster, """
                {"providerId": "%s", "timeZone": "UTC"}""".formatted(provider)));
        Catalogue.ok(http.put("/api/v1/pools/" + pool, """
                {"providerId": "%s", "cluster": "%s", "partition": "l40s", "gpuModel": "L40S", "gpusPerNode": 4,
                 "cpusPerNode": 32, "charged": true}""".formatted(provider, cluster)));
        Catalogue.ok(http.post("/api/v1/rates", """
                {"rateId": "pc-%s", "funder": "PRIVATE_CONTRACT", "poolId": "%s",
                 "effectiveFrom": "2020-01-01T00:00:00Z", "eurPerGpuHour": "2.405"}""".formatted(run, pool)));
        for (String project : List.of(customer, other)) {
            Catalogue.ok(http.put("/api/v1/projects/" + project, """
                    {"title": "Fine-tuning %s", "principalInvestigator": "A. Martin", "organisation": "Startup %s SAS",
                     "audience": "STARTUP_SME", "sector": "ai", "accessMode": "PAID"}""".formatted(project, project)));
        }
        grant("pc-a-" + run, customer, "a" + run);
        grant("pc-b-" + run, other, "b" + run);
        Catalogue.ok(http.post("/api/v1/usage/records", "[" + job("j1", "a" + run, 2 * HOUR) + ","
                + job("j2", "a" + run, HOUR + HOUR / 2) + "," + job("j3", "b" + run, 7 * HOUR) + "]"));
    }

    private void grant(String allocationId, String projectId, String account) {
        Catalogue.ok(http.post("/api/v1/allocations", """
                {"allocationId": "%s", "projectId": "%s", "poolId": "%s", "fundingSource": "PRIVATE_CONTRACT",
                 "gpuHours": 100, "periodStart": "2026-09-01T00:00:00Z", "periodEnd": "2026-12-01T00:00:00Z",
                 "schedulerAccount": "%s@l40s"}""".formatted(allocationId, projectId, pool, account)));
    }

    private String job(String jobId, String account, long elapsedSeconds) {
        return """
                {"recordId": "%s:%s", "cluster": "%s", "jobId": "%s", "account": "%s@l40s", "partition": "l40s",
                 "user": "u", "gpus": 1, "end": "2026-10-14T10:00:00Z", "elapsedSeconds": %d}"""
                .formatted(cluster, jobId, cluster, jobId, account, elapsedSeconds);
    }

    private Answer draft(String statementId, String projectId) {
        return http.post("/api/v1/statements", """
                {"statementId": "%s", "funder": "PRIVATE_CONTRACT", "kind": "BILLING", "period": "2026-10",
                 "providerId": "%s"%s}""".formatted(statementId, provider,
                projectId == null ? "" : ", \"projectId\": \"" + projectId + "\""));
    }

    @Test
    void a_customer_is_billed_its_hours_times_the_price_in_force_with_the_provider_and_itself_as_parties() {
        Answer drafted = draft("paid-" + run, customer);

        assertThat(drafted.status()).as(drafted.text()).isEqualTo(200);
        JsonNode content = drafted.body().get("content");
        assertThat(content.get("statement").asText()).isEqualTo("PAID_USE");
        assertThat(content.at("/seller/id").asText()).isEqualTo(provider);
        assertThat(content.at("/seller/name").asText()).isEqualTo("Cloud Nord " + run);
        assertThat(content.at("/buyer/id").asText()).isEqualTo(customer);
        assertThat(content.at("/buyer/name").asText()).isEqualTo("Startup " + customer + " SAS");
        assertThat(content.at("/buyer/contact").asText()).isEqualTo("A. Martin");
        assertThat(content.get("lines")).as("the other customer's hours are not on this bill").hasSize(1);
        JsonNode line = content.at("/lines/0");
        assertThat(line.get("allocationId").asText()).isEqualTo("pc-a-" + run);
        assertThat(line.at("/rate/rateId").asText()).isEqualTo("pc-" + run);
        assertThat(line.at("/usage/gpuHours").asText()).isEqualTo("3.50");
        assertThat(line.get("exactAmountEur").asText()).as("3.5 h × 2.405 EUR, every digit").isEqualTo("8.4175");
        assertThat(line.get("amountEur").asText()).as("rounded once, half-even: 8.4175 is not a half cent")
                .isEqualTo("8.42");
        assertThat(content.at("/totals/amountEur").asText()).isEqualTo("8.42");
        assertThat(content.has("juShare")).as("no JU share on a private provider's bill").isFalse();
        assertThat(drafted.body().at("/statement/providerId").asText()).isEqualTo(provider);
        assertThat(drafted.body().at("/statement/projectId").asText()).isEqualTo(customer);
    }

    @Test
    void an_issued_paid_use_statement_is_a_factur_x_invoice_that_mustangs_validator_finds_valid() {
        Catalogue.ok(http.put("/api/v1/providers/" + provider + "/invoicing-details", """
                {"name": "Cloud Nord SAS", "street": "12 rue des Serveurs", "postcode": "59000", "city": "Lille",
                 "countryCode": "FR", "vatId": "FR40303265045", "legalRegistrationId": "303265045",
                 "legalRegistrationScheme": "0002"}"""));
        Catalogue.ok(http.put("/api/v1/projects/" + customer + "/invoicing-details", """
                {"name": "Startup SAS", "street": "3 quai de la Loire", "postcode": "75019", "city": "Paris",
                 "countryCode": "FR", "vatId": "FR83404833048"}"""));
        Catalogue.ok(draft("paid-fx-" + run, customer));
        Answer draftRefused = http.get("/api/v1/statements/paid-fx-" + run + "?format=facturx");
        assertThat(draftRefused.status()).as("a draft is no invoice: " + draftRefused.text()).isEqualTo(422);
        Catalogue.ok(http.post("/api/v1/statements/paid-fx-" + run + "/issue", ""));

        HttpResponse<byte[]> invoice = http.bytes("/api/v1/statements/paid-fx-" + run + "?format=facturx");

        assertThat(invoice.statusCode()).isEqualTo(200);
        assertThat(invoice.headers().firstValue("Content-Type")).hasValue("application/pdf");
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(invoice.body(), "paid-fx.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        assertThat(new String(invoice.body(), StandardCharsets.ISO_8859_1)).as("the statement's line and total")
                .contains("8.42");
        assertThat(http.bytes("/api/v1/statements/paid-fx-" + run + "?format=facturx").body())
                .as("the same bytes when asked again").isEqualTo(invoice.body());
    }

    @Test
    void its_csv_has_the_line_and_the_total_and_no_ju_share_rows() {
        Catalogue.ok(draft("paid-csv-" + run, customer));

        List<String> rows = http.get("/api/v1/statements/paid-csv-" + run + "?format=csv").text().lines().toList();

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("paid-csv-" + run + ",,PRIVATE_CONTRACT,2026-10," + provider + ","
                + customer + ",LINE,1,pc-a-" + run + ",").contains(",12600,3.50,,,8.42,");
        assertThat(rows.get(2)).contains(",TOTAL,").contains(",8.42,");
    }

    @Test
    void a_paid_use_statement_names_its_customer() {
        Answer refused = draft("paid-nobody-" + run, null);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.body().get("detail").asText()).contains("projectId");
    }
}
