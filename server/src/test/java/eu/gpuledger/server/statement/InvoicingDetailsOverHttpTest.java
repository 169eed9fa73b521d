package eu.gpuledger.server.statement;

import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.projections.statement.StatementQueries.StatementView;
import eu.gpuledger.projections.statement.StatementState;
import eu.gpuledger.reports.statement.invoice.FacturXNotAvailable;
import eu.gpuledger.reports.statement.invoice.InvoiceParty;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoices.PaidUseLine;
import eu.gpuledger.reports.statement.invoice.InvoicePartyIncomplete;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parties of a Factur-X invoice over HTTP (docs/statement-documents.md): a provider's and a project's invoicing
 * details are set by PUT, refused by field name when incomplete, and read as known at an instant: an invoice issued
 * before they were set is refused naming what is missing, one issued after names them, whatever is set later.
 */
@LedgerIntegrationTest
class InvoicingDetailsOverHttpTest extends OverHttp {

    private static final String SELLER = """
            {"name": "Calcul Privé SAS", "street": "12 rue des Serveurs", "postcode": "91120", "city": "Palaiseau",
             "countryCode": "FR", "vatId": "FR40303265045", "legalRegistrationId": "303265045",
             "legalRegistrationScheme": "0002"}""";

    @Autowired
    InvoicingParties parties;

    @Autowired
    PaidUseFacturX facturXs;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private String provider;
    private String project;

    @BeforeEach
    void aPrivateProviderAndACustomerProject() {
        provider = "cp-" + run;
        project = "prj-cust-" + run;
        Catalogue.ok(http.put("/api/v1/providers/" + provider, """
                {"name": "Calcul Privé", "kind": "PRIVATE", "euroHpcHosted": false}"""));
        Catalogue.ok(http.put("/api/v1/projects/" + project, """
                {"title": "Weather", "principalInvestigator": "A. Martin", "organisation": "LMD",
                 "audience": "ACADEMIC", "sector": "climate", "accessMode": "AR"}"""));
    }

    @Test
    void an_invoice_names_the_parties_as_known_at_its_issue_time() {
        Instant before = Instant.now();
        assertThatThrownBy(() -> parties.seller(ProviderId.of(provider), before))
                .isInstanceOfSatisfying(InvoicePartyIncomplete.class,
                        refused -> assertThat(refused.field()).isEqualTo("seller.invoicingDetails"))
                .hasMessageContaining("/api/v1/providers/" + provider + "/invoicing-details");

        Answer set = http.put("/api/v1/providers/" + provider + "/invoicing-details", SELLER);
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(set.body().get("vatId").asText()).isEqualTo("FR40303265045");
        Catalogue.ok(http.put("/api/v1/projects/" + project + "/invoicing-details", """
                {"name": "Laboratoire de Météorologie", "street": "4 place Jussieu", "postcode": "75005",
                 "city": "Paris", "countryCode": "FR"}"""));
        Instant issued = Instant.now();
        Catalogue.ok(http.put("/api/v1/providers/" + provider + "/invoicing-details",
                SELLER.replace("12 rue des Serveurs", "1 avenue Nouvelle")));

        InvoiceParty seller = parties.seller(ProviderId.of(provider), issued);
        assertThat(seller).isEqualTo(new InvoiceParty("Calcul Privé SAS", "12 rue des Serveurs", "91120",
                "Palaiseau", "FR", "FR40303265045", "303265045", "0002"));
        assertThat(parties.seller(ProviderId.of(provider), Instant.now()).street()).isEqualTo("1 avenue Nouvelle");
        assertThat(parties.buyer(ProjectId.of(project), issued).name()).isEqualTo("Laboratoire de Météorologie");
        assertThatThrownBy(() -> parties.buyer(ProjectId.of(project), before))
                .isInstanceOfSatisfying(InvoicePartyIncomplete.class,
                        refused -> assertThat(refused.field()).isEqualTo("buyer.invoicingDetails"));
    }

    @Test
    void an_issued_paid_use_statement_is_a_factur_x_invoice_naming_its_parties_and_a_draft_is_not() throws Exception {
        Catalogue.ok(http.put("/api/v1/providers/" + provider + "/invoicing-details", SELLER));
        Catalogue.ok(http.put("/api/v1/projects/" + project + "/invoicing-details", """
                {"name": "Laboratoire de Météorologie", "street": "4 place Jussieu", "postcode": "75005",
                 "city": "Paris", "countryCode": "FR"}"""));
        Instant issued = Instant.now();
        List<PaidUseLine> lines = List.of(new PaidUseLine("cp-h100", null, "rate-1", 433_800,
                new BigDecimal("2.40"), new BigDecimal("289.20")));
        StatementView statement = new StatementView("pu-" + run, "PRIVATE_CONTRACT", "BILLING", "2026-10", provider,
                project, null, issued, StatementState.ISSUED, "PRIVATE_CONTRACT-2026-000001", issued, "admin",
                issued, "ab".repeat(32), null, null, null, null);

        byte[] facturX = facturXs.write(statement, lines);

        try (PDDocument pdf = Loader.loadPDF(facturX)) {
            assertThat(pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).containsKey("factur-x.xml");
            assertThat(new PDFTextStripper().getText(pdf)).contains("Calcul Privé SAS")
                    .contains("Laboratoire de Météorologie").contains("Total due, EUR 347.04");
        }
        StatementView draft = new StatementView("pu-" + run, "PRIVATE_CONTRACT", "BILLING", "2026-10", provider,
                project, null, issued, StatementState.DRAFT, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> facturXs.write(draft, lines)).isInstanceOf(FacturXNotAvailable.class);
    }

    @Test
    void incomplete_details_are_refused_naming_the_field_and_an_unknown_provider_is_not_found() {
        Answer noCity = http.put("/api/v1/providers/" + provider + "/invoicing-details",
                SELLER.replace("\"city\": \"Palaiseau\",", ""));
        assertThat(noCity.status()).as(noCity.text()).isEqualTo(400);
        assertThat(noCity.body().get("detail").asText()).startsWith("city");

        Answer country = http.put("/api/v1/providers/" + provider + "/invoicing-details",
                SELLER.replace("\"FR\"", "\"France\""));
        assertThat(country.status()).isEqualTo(400);
        assertThat(country.body().get("detail").asText()).startsWith("countryCode");

        Answer unknown = http.put("/api/v1/providers/no-such-" + run + "/invoicing-details", SELLER);
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
    }
}
