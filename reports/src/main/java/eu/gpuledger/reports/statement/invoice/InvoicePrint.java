package eu.gpuledger.reports.statement.invoice;

import eu.gpuledger.reports.statement.invoice.PaidUseInvoice.InvoiceLine;
import eu.gpuledger.reports.statement.print.PrintedStatement;
import eu.gpuledger.reports.statement.print.PrintedStatement.Alignment;
import eu.gpuledger.reports.statement.print.PrintedStatement.Emphasis;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedColumn;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedField;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedParty;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedRow;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedTable;

import java.util.ArrayList;
import java.util.List;

/** An invoice as printed: the human-readable half of a Factur-X file, drawn by the statements' own renderer. */
public final class InvoicePrint {

    public static final String TITLE = "Invoice";

    private static final List<PrintedColumn> COLUMNS = List.of(
            new PrintedColumn("Description", Alignment.LEFT, 46),
            new PrintedColumn("GPU-hours", Alignment.RIGHT, 16),
            new PrintedColumn("Unit price EUR", Alignment.RIGHT, 16),
            new PrintedColumn("Net EUR", Alignment.RIGHT, 16));

    private InvoicePrint() {
    }

    public static PrintedStatement print(PaidUseInvoice invoice) {
        List<PrintedRow> rows = new ArrayList<>(invoice.lines().size());
        for (InvoiceLine line : invoice.lines()) {
            rows.add(new PrintedRow(List.of(line.description(), line.gpuHours().toPlainString(),
                    line.unitPriceEur().toPlainString(), line.netAmountEur().toPlainString()), Emphasis.LINE));
        }
        List<PrintedField> fields = List.of(
                new PrintedField("Invoice date", invoice.issueDate().toString()),
                new PrintedField("Period", invoice.periodStart() + " to " + invoice.periodEnd()),
                new PrintedField("Due date", invoice.dueDate().toString()),
                new PrintedField("Statement", invoice.statementId()),
                new PrintedField("VAT", switch (invoice.vat().category()) {
                    case STANDARD -> invoice.vat().ratePercent().toPlainString() + " % (standard rate)";
                    case REVERSE_CHARGE -> "reverse charge: " + invoice.vat().exemptionReason();
                }));
        List<PrintedField> totals = List.of(
                new PrintedField("Net total, EUR", invoice.netTotal().toPlainString()),
                new PrintedField("VAT " + invoice.vat().ratePercent().toPlainString() + " %, EUR",
                        invoice.vatTotal().toPlainString()),
                new PrintedField("Total due, EUR", invoice.grossTotal().toPlainString()));
        return new PrintedStatement(TITLE, invoice.statementId(), invoice.number(), invoice.issuedAt(),
                invoice.issuedAt(), List.of(party("Seller", invoice.seller()), party("Buyer", invoice.buyer())),
                fields, COLUMNS, List.of(new PrintedTable("Paid use", rows)), totals, List.of(),
                invoice.contentSha256());
    }

    private static PrintedParty party(String role, InvoiceParty party) {
        List<String> details = new ArrayList<>();
        details.add(party.street());
        details.add(party.postcode() + " " + party.city() + ", " + party.countryCode());
        if (party.vatId() != null) {
            details.add("VAT " + party.vatId());
        }
        if (party.legalRegistrationId() != null) {
            details.add("Registration " + party.legalRegistrationId());
        }
        return new PrintedParty(role, party.name(), details);
    }
}
