package eu.gpuledger.reports.statement.invoice;

import eu.gpuledger.reports.statement.invoice.PaidUseInvoice.InvoiceLine;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoice.VatCategory;
import eu.gpuledger.reports.statement.print.StatementPdf;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.DomXmpParser;
import org.apache.xmpbox.xml.XmpParsingException;
import org.apache.xmpbox.xml.XmpSerializer;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.LegalOrganisation;
import org.mustangproject.Product;
import org.mustangproject.SchemedID;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerException;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Date;
import java.util.List;

/**
 * A paid-use invoice as Factur-X (EN 16931 profile): the printed invoice, a PDF/A-3b drawn by {@link StatementPdf},
 * with the Cross Industry Invoice XML embedded by Mustang (docs/statement-documents.md). Before the file is given
 * out, the XML's totals are read back and compared with the invoice's: a reader of the XML must find the figures
 * printed on the page.
 */
public final class FacturX {

    /** The Factur-X profile written: EN 16931 ("comfort"), the full core invoice of the European standard. */
    public static final String PROFILE = "EN16931";

    private FacturX() {
    }

    public static byte[] write(PaidUseInvoice invoice) {
        byte[] printed = StatementPdf.render(InvoicePrint.print(invoice));
        try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3()) {
            exporter.setZUGFeRDVersion(2).setProfile(Profiles.getByName(PROFILE));
            exporter.load(printed);
            exporter.setProducer(StatementPdf.PRODUCER).setCreator(StatementPdf.PRODUCER);
            exporter.setTransaction(transaction(invoice));
            byte[] xml = exporter.getProvider().getXML();
            agree(invoice, xml);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            exporter.export(bytes);
            return dated(bytes.toByteArray(), StatementPdf.dated(InvoicePrint.print(invoice)));
        } catch (IOException failed) {
            throw new UncheckedIOException("the Factur-X invoice " + invoice.number() + " could not be written",
                    failed);
        }
    }

    /**
     * Mustang dates the file and the attached XML by the clock; an invoice is dated by its issue, so that the same
     * invoice written again gives the same bytes. The dates are set again, alike in the document information, the
     * XMP metadata (which PDF/A requires to agree) and the attachment.
     */
    private static byte[] dated(byte[] facturX, Calendar issued) throws IOException {
        try (PDDocument document = Loader.loadPDF(facturX)) {
            PDDocumentInformation information = document.getDocumentInformation();
            information.setCreationDate(issued);
            information.setModificationDate(issued);
            PDMetadata metadata = document.getDocumentCatalog().getMetadata();
            DomXmpParser parser = new DomXmpParser();
            parser.setStrictParsing(false);
            XMPMetadata xmp = parser.parse(metadata.toByteArray());
            XMPBasicSchema basic = xmp.getXMPBasicSchema();
            basic.setCreateDate(issued);
            basic.setModifyDate(issued);
            if (basic.getMetadataDate() != null) {
                basic.setMetadataDate(issued);
            }
            DublinCoreSchema dublinCore = xmp.getDublinCoreSchema();
            if (dublinCore != null && dublinCore.getDates() != null) {
                for (Calendar date : List.copyOf(dublinCore.getDates())) {
                    dublinCore.removeDate(date);
                }
                dublinCore.addDate(issued);
            }
            ByteArrayOutputStream xmpBytes = new ByteArrayOutputStream();
            new XmpSerializer().serialize(xmp, xmpBytes, true);
            PDMetadata dated = new PDMetadata(document);
            dated.importXMPMetadata(xmpBytes.toByteArray());
            document.getDocumentCatalog().setMetadata(dated);
            PDEmbeddedFilesNameTreeNode files = document.getDocumentCatalog().getNames().getEmbeddedFiles();
            for (PDComplexFileSpecification file : files.getNames().values()) {
                PDEmbeddedFile embedded = file.getEmbeddedFile();
                embedded.setCreationDate(issued);
                embedded.setModDate(issued);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (XmpParsingException | TransformerException unreadable) {
            throw new IOException("the Factur-X file's metadata cannot be dated", unreadable);
        }
    }

    /** The invoice in Mustang's terms. */
    static Invoice transaction(PaidUseInvoice invoice) {
        Invoice transaction = new Invoice()
                .setNumber(invoice.number())
                .setIssueDate(date(invoice.issueDate()))
                .setDueDate(date(invoice.dueDate()))
                .setDeliveryDate(date(invoice.periodEnd()))
                .setDetailedDeliveryPeriod(date(invoice.periodStart()), date(invoice.periodEnd()))
                .setCurrency("EUR")
                .setSender(party(invoice.seller()))
                .setRecipient(party(invoice.buyer()))
                .addNote("Paid-use statement " + invoice.statementId() + ", content SHA-256 "
                        + invoice.contentSha256());
        for (InvoiceLine line : invoice.lines()) {
            Product product = new Product(line.description(), "", "HUR", invoice.vat().ratePercent());
            if (invoice.vat().category() == VatCategory.REVERSE_CHARGE) {
                product.setReverseCharge();
                product.setTaxExemptionReason(invoice.vat().exemptionReason());
            } else {
                product.setTaxCategoryCode(invoice.vat().category().code());
            }
            transaction.addItem(new Item(product, line.unitPriceEur(), line.gpuHours()));
        }
        return transaction;
    }

    private static TradeParty party(InvoiceParty party) {
        TradeParty trade = new TradeParty(party.name(), party.street(), party.postcode(), party.city(),
                party.countryCode());
        if (party.vatId() != null) {
            trade.setVATID(party.vatId());
        }
        if (party.legalRegistrationId() != null) {
            trade.setLegalOrganisation(new LegalOrganisation(
                    new SchemedID().setScheme(party.legalRegistrationScheme()).setId(party.legalRegistrationId()),
                    party.name()));
        }
        return trade;
    }

    /** Noon UTC of the day: Mustang prints a date in the JVM's zone, and noon is that day in every zone but ±12. */
    private static Date date(LocalDate day) {
        return Date.from(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }

    /** The XML's totals are the invoice's, to the cent; else no file is given out. */
    static void agree(PaidUseInvoice invoice, byte[] xml) {
        Document document = xml(xml);
        check("TaxBasisTotalAmount", total(document, "TaxBasisTotalAmount"), invoice.netTotal());
        check("TaxTotalAmount", total(document, "TaxTotalAmount"), invoice.vatTotal());
        check("GrandTotalAmount", total(document, "GrandTotalAmount"), invoice.grossTotal());
        check("DuePayableAmount", total(document, "DuePayableAmount"), invoice.grossTotal());
    }

    private static void check(String element, BigDecimal written, BigDecimal expected) {
        if (written == null || written.compareTo(expected) != 0) {
            throw new IllegalStateException("the Factur-X XML's " + element + " is " + written
                    + " where the invoice says " + expected);
        }
    }

    static BigDecimal total(Document xml, String element) {
        try {
            String text = XPathFactory.newInstance().newXPath().evaluate(
                    "//*[local-name()='SpecifiedTradeSettlementHeaderMonetarySummation']/*[local-name()='"
                            + element + "']", xml);
            return text.isBlank() ? null : new BigDecimal(text.strip());
        } catch (javax.xml.xpath.XPathExpressionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static Document xml(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception unreadable) {
            throw new IllegalStateException("the Factur-X XML cannot be read back", unreadable);
        }
    }
}
