package eu.gpuledger.reports.statement.invoice;

import eu.gpuledger.reports.statement.StatementHeader;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoice.Vat;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoices.PaidUseLine;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.mustangproject.validator.ZUGFeRDValidator;
import org.w3c.dom.Document;

import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A paid-use statement as a Factur-X invoice (EN 16931): valid by Mustang's validator (PDF/A-3 and the XML against
 * the schema and the EN 16931 rules), its XML carrying the invoice's parties, lines and totals, and refused when a
 * party lacks what EN 16931 requires. The paid-use content is a fixture here: its lines as the statement gives them.
 */
class FacturXTest {

    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T09:15:00Z");

    static final InvoiceParty SELLER = new InvoiceParty("Calcul Privé SAS", "12 rue des Serveurs", "91120",
            "Palaiseau", "FR", "FR40303265045", "303265045", "0002");
    static final InvoiceParty BUYER = new InvoiceParty("Laboratoire de Météorologie Exemple", "4 place Jussieu",
            "75005", "Paris", "FR", "FR83180089013", null, null);

    static StatementHeader header() {
        return new StatementHeader("pu-lmd-2026-10", "BILLING", "PRIVATE_CONTRACT", "2026-10", null, "prj-lmd",
                "ISSUED", "PRIVATE_CONTRACT-2026-000003", ISSUED_AT, "billing@calcul-prive.example", ISSUED_AT,
                "9f2c1e5b7a3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6");
    }

    /** 120.5 GPU-hours at 2.40 EUR and 36 GPU-hours at 3.10 EUR: 289.20 + 111.60 = 400.80, VAT 20 % 80.16. */
    static List<PaidUseLine> lines() {
        return List.of(
                new PaidUseLine("cp-h100", "alloc-lmd-h100", "rate-h100-2026", 433_800, new BigDecimal("2.40"),
                        new BigDecimal("289.20")),
                new PaidUseLine("cp-a100", "alloc-lmd-a100", "rate-a100-2026", 129_600, new BigDecimal("3.10"),
                        new BigDecimal("111.60")));
    }

    static PaidUseInvoice invoice(InvoiceParty seller, InvoiceParty buyer, Vat vat) {
        return PaidUseInvoices.invoice(header(), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), lines(),
                seller, buyer, vat, PaidUseInvoices.PAYMENT_DAYS_DEFAULT);
    }

    @Test
    void the_factur_x_invoice_is_valid_by_mustangs_validator() throws IOException {
        byte[] facturX = FacturX.write(invoice(SELLER, BUYER, Vat.standard(new BigDecimal("20"))));
        Files.write(Path.of("target", "facturx-standard.pdf"), facturX); // to look at (docs/statement-documents.md)

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(facturX, "PRIVATE_CONTRACT-2026-000003.pdf");

        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        assertThat(report).contains("status=\"valid\"");
    }

    @Test
    void the_same_invoice_written_twice_gives_the_same_bytes() throws Exception {
        byte[] first = FacturX.write(invoice(SELLER, BUYER, Vat.standard(new BigDecimal("20"))));
        Thread.sleep(1_100); // Mustang dates by the clock, to the second: a later writing must not differ
        byte[] second = FacturX.write(invoice(SELLER, BUYER, Vat.standard(new BigDecimal("20"))));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void a_reverse_charged_invoice_to_a_customer_in_another_member_state_is_valid_too() {
        InvoiceParty german = new InvoiceParty("Institut für Klimadaten e.V.", "Bundesstraße 55", "20146", "Hamburg",
                "DE", "DE123456789", null, null);
        byte[] facturX = FacturX.write(invoice(SELLER, german, Vat.reverseCharge()));

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(facturX, "reverse-charge.pdf");

        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
    }

    @Test
    void the_embedded_xml_carries_the_parties_the_lines_in_gpu_hours_and_the_totals() throws Exception {
        byte[] facturX = FacturX.write(invoice(SELLER, BUYER, Vat.standard(new BigDecimal("20"))));

        Document xml;
        try (PDDocument pdf = Loader.loadPDF(facturX)) {
            PDEmbeddedFilesNameTreeNode files = pdf.getDocumentCatalog().getNames().getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> named = files.getNames();
            assertThat(named).containsKey("factur-x.xml");
            xml = FacturX.xml(named.get("factur-x.xml").getEmbeddedFile().toByteArray());
            assertThat(new PDFTextStripper().getText(pdf)).contains("Invoice").contains("No. " + header().number())
                    .contains("Total due, EUR 480.96");
        }
        assertThat(value(xml, "//*[local-name()='ExchangedDocument']/*[local-name()='ID']"))
                .isEqualTo("PRIVATE_CONTRACT-2026-000003");
        assertThat(value(xml, "//*[local-name()='GuidelineSpecifiedDocumentContextParameter']/*[local-name()='ID']"))
                .isEqualTo("urn:cen.eu:en16931:2017");
        assertThat(value(xml, "//*[local-name()='ExchangedDocument']//*[local-name()='DateTimeString']"))
                .isEqualTo("20261102");
        assertThat(value(xml, "//*[local-name()='SellerTradeParty']/*[local-name()='Name']"))
                .isEqualTo("Calcul Privé SAS");
        assertThat(value(xml, "//*[local-name()='SellerTradeParty']//*[local-name()='ID'][@schemeID='VA']"))
                .isEqualTo("FR40303265045");
        assertThat(value(xml, "//*[local-name()='SellerTradeParty']//*[local-name()='CountryID']")).isEqualTo("FR");
        assertThat(value(xml, "//*[local-name()='BuyerTradeParty']/*[local-name()='Name']"))
                .isEqualTo("Laboratoire de Météorologie Exemple");
        assertThat(value(xml, "count(//*[local-name()='IncludedSupplyChainTradeLineItem'])")).isEqualTo("2");
        String firstLine = "//*[local-name()='IncludedSupplyChainTradeLineItem'][1]";
        assertThat(value(xml, firstLine + "//*[local-name()='BilledQuantity']/@unitCode")).isEqualTo("HUR");
        assertThat(new BigDecimal(value(xml, firstLine + "//*[local-name()='BilledQuantity']")))
                .isEqualByComparingTo("120.5");
        assertThat(new BigDecimal(value(xml, firstLine
                + "//*[local-name()='NetPriceProductTradePrice']/*[local-name()='ChargeAmount']")))
                .isEqualByComparingTo("2.40");
        assertThat(new BigDecimal(value(xml, firstLine + "//*[local-name()='LineTotalAmount']")))
                .isEqualByComparingTo("289.20");
        assertThat(value(xml, "//*[local-name()='ApplicableTradeTax']/*[local-name()='CategoryCode']"))
                .isEqualTo("S");
        assertThat(FacturX.total(xml, "TaxBasisTotalAmount")).isEqualByComparingTo("400.80");
        assertThat(FacturX.total(xml, "TaxTotalAmount")).isEqualByComparingTo("80.16");
        assertThat(FacturX.total(xml, "GrandTotalAmount")).isEqualByComparingTo("480.96");
        assertThat(value(xml, "//*[local-name()='IncludedNote']/*[local-name()='Content']"))
                .contains("pu-lmd-2026-10").contains(header().contentSha256());
    }

    @Test
    void a_seller_without_a_vat_id_or_a_legal_registration_is_refused_naming_the_field() {
        InvoiceParty anonymous = new InvoiceParty("Calcul Privé SAS", "12 rue des Serveurs", "91120", "Palaiseau",
                "FR", null, null, null);

        assertThatThrownBy(() -> invoice(anonymous, BUYER, Vat.standard(new BigDecimal("20"))))
                .isInstanceOfSatisfying(InvoicePartyIncomplete.class,
                        refused -> assertThat(refused.field()).isEqualTo("seller.vatId"))
                .hasMessageContaining("legalRegistrationId");
    }

    @Test
    void a_buyer_without_an_address_or_a_country_is_refused_naming_the_field() {
        InvoiceParty homeless = new InvoiceParty("Laboratoire", "4 place Jussieu", "75005", null, "FR", null, null,
                null);
        InvoiceParty stateless = new InvoiceParty("Laboratoire", "4 place Jussieu", "75005", "Paris", "France",
                null, null, null);

        assertThatThrownBy(() -> invoice(SELLER, homeless, Vat.standard(new BigDecimal("20"))))
                .isInstanceOfSatisfying(InvoicePartyIncomplete.class,
                        refused -> assertThat(refused.field()).isEqualTo("buyer.city"));
        assertThatThrownBy(() -> invoice(SELLER, stateless, Vat.standard(new BigDecimal("20"))))
                .isInstanceOfSatisfying(InvoicePartyIncomplete.class,
                        refused -> assertThat(refused.field()).isEqualTo("buyer.countryCode"));
    }

    @Test
    void a_reverse_charge_to_a_buyer_without_a_vat_id_is_refused() {
        InvoiceParty noVat = new InvoiceParty("Institut", "Bundesstraße 55", "20146", "Hamburg", "DE", null, "HRB 1",
                "0002");

        assertThatThrownBy(() -> invoice(SELLER, noVat, Vat.reverseCharge()))
                .isInstanceOfSatisfying(InvoicePartyIncomplete.class,
                        refused -> assertThat(refused.field()).isEqualTo("buyer.vatId"));
    }

    @Test
    void a_line_whose_amount_is_not_its_hours_times_its_price_is_refused() {
        List<PaidUseLine> wrong = List.of(new PaidUseLine("cp-h100", null, null, 433_800, new BigDecimal("2.40"),
                new BigDecimal("289.21")));

        assertThatThrownBy(() -> PaidUseInvoices.invoice(header(), LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 31), wrong, SELLER, BUYER, Vat.standard(new BigDecimal("20")), 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("289.21")
                .hasMessageContaining("289.2000");
    }

    private static String value(Document xml, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, xml).strip();
    }
}
