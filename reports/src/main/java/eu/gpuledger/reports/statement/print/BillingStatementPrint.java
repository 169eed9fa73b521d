package eu.gpuledger.reports.statement.print;

import eu.gpuledger.reports.statement.BillingContent;
import eu.gpuledger.reports.statement.BillingContent.BillingLine;
import eu.gpuledger.reports.statement.BillingContent.Party;
import eu.gpuledger.reports.statement.JuBillingContent;
import eu.gpuledger.reports.statement.JuBillingContent.JuShare;
import eu.gpuledger.reports.statement.StatementHeader;
import eu.gpuledger.reports.statement.print.PrintedStatement.Alignment;
import eu.gpuledger.reports.statement.print.PrintedStatement.Emphasis;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedColumn;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedField;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedParty;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedRow;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedTable;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static eu.gpuledger.reports.statement.BillingStatementDocument.hours;
import static eu.gpuledger.reports.statement.BillingStatementDocument.normalisedHours;

/**
 * A BILLING statement as printed: the provider that bills and the funder or customer billed as parties, the period's
 * lines (each naming its rate version), the prior-period adjustments (each naming the statement and line it
 * corrects), the totals, and for the EuroHPC JU the share measured, with a flag for each limit exceeded. Figures are
 * the content's, shown as the JSON and CSV show them; nothing is computed here but the layout.
 */
public final class BillingStatementPrint {

    static final List<PrintedColumn> COLUMNS = List.of(
            new PrintedColumn("#", Alignment.RIGHT, 4),
            new PrintedColumn("Allocation · project", Alignment.LEFT, 22),
            new PrintedColumn("Mode · audience", Alignment.LEFT, 23),
            new PrintedColumn("Pool", Alignment.LEFT, 14),
            new PrintedColumn("Rate (version)", Alignment.LEFT, 19),
            new PrintedColumn("GPU-h", Alignment.RIGHT, 10),
            new PrintedColumn("Norm. GPU-h", Alignment.RIGHT, 10),
            new PrintedColumn("Amount EUR", Alignment.RIGHT, 12));

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private BillingStatementPrint() {
    }

    public static PrintedStatement print(StatementHeader header, BillingContent content, String contentSha256) {
        boolean ju = content instanceof JuBillingContent;
        List<PrintedParty> parties = List.of(party(content.seller()), party(content.buyer()));
        List<PrintedField> fields = new ArrayList<>();
        fields.add(new PrintedField("Period", header.period() + " (" + INSTANT.format(content.subject().period().from())
                + " to " + INSTANT.format(content.subject().period().to()) + " UTC, end excluded)"));
        fields.add(new PrintedField("Statement id", header.statementId()));
        fields.add(new PrintedField("Provider", content.subject().providerId()));
        if (content.subject().projectId() != null) {
            fields.add(new PrintedField("Customer project", content.subject().projectId()));
        }
        fields.add(new PrintedField("Figures as known at", INSTANT.format(content.knownAt()) + " UTC"));
        if (header.issuedBy() != null) {
            fields.add(new PrintedField("Issued by", header.issuedBy()));
        }
        List<PrintedTable> tables = new ArrayList<>(2);
        tables.add(new PrintedTable("Usage of the period", rows(content.lines())));
        if (!content.adjustments().isEmpty()) {
            tables.add(new PrintedTable("Prior-period adjustments", rows(content.adjustments())));
        }
        List<PrintedField> totals = new ArrayList<>();
        totals.add(new PrintedField("GPU-hours", hours(content.totals().gpuSeconds())));
        totals.add(new PrintedField("Normalised GPU-hours", normalisedHours(content.totals().normalisedGpuSeconds())));
        totals.add(new PrintedField("Lines of the period, EUR", content.totals().linesAmount().toPlainString()));
        totals.add(new PrintedField("Prior-period adjustments, EUR",
                content.totals().adjustmentsAmount().toPlainString()));
        totals.add(new PrintedField("Total, EUR (net; the sum of the printed lines)",
                content.totals().amount().toPlainString()));
        List<String> flags = new ArrayList<>();
        if (content instanceof JuBillingContent juContent) {
            JuShare share = juContent.juShare();
            totals.add(new PrintedField("JU share of the capacity (" + share.juSharePercent().toPlainString()
                    + "%), GPU-hours", normalisedHours(share.juShareGpuSeconds())));
            totals.add(new PrintedField("JU-funded usage, GPU-hours", hours(share.juUsageGpuSeconds())));
            totals.add(new PrintedField("Paid use of the JU share (cap " + share.paidUseCapPercent().toPlainString()
                    + "%: " + normalisedHours(share.paidUseCapGpuSeconds()) + "), GPU-hours",
                    hours(share.paidUseGpuSeconds())));
            if (share.juShareExceeded()) {
                flags.add("JU share exceeded: JU-funded usage of " + hours(share.juUsageGpuSeconds())
                        + " GPU-hours is above the JU share of " + normalisedHours(share.juShareGpuSeconds())
                        + " GPU-hours (Regulation (EU) 2021/1173, art. 17).");
            }
            if (share.paidUseCapExceeded()) {
                flags.add("Paid use above its cap: " + hours(share.paidUseGpuSeconds()) + " GPU-hours of paid use is"
                        + " above " + share.paidUseCapPercent().toPlainString() + "% of the JU share ("
                        + normalisedHours(share.paidUseCapGpuSeconds())
                        + " GPU-hours; Regulation (EU) 2021/1173, art. 18).");
            }
        }
        return new PrintedStatement(ju ? "EuroHPC JU billing statement" : "Paid-use statement",
                header.statementId(), header.number(), header.issuedAt(), content.knownAt(), parties, fields,
                COLUMNS, tables, totals, flags, contentSha256);
    }

    private static List<PrintedRow> rows(List<BillingLine> lines) {
        List<PrintedRow> rows = new ArrayList<>(lines.size());
        for (BillingLine line : lines) {
            BigDecimal price = line.rate().eurPerHour();
            String rate = price.setScale(Math.max(2, price.scale())).toPlainString() + " EUR/" + switch (line.rate().unit()) {
                case GPU_HOUR -> "GPU-h";
                case NORMALISED_GPU_HOUR -> "norm. GPU-h";
            } + " (" + line.rate().rateId() + ", from " + INSTANT.format(line.rate().effectiveFrom()) + ")";
            String allocation = line.allocationId() + " · " + line.projectId() + (line.adjusts() == null ? ""
                    : " · adjusts " + (line.adjusts().number() == null ? line.adjusts().statementId()
                    : line.adjusts().number()) + (line.adjusts().line() == null ? "" : " line " + line.adjusts().line())
                    + " (" + line.adjusts().period() + ")");
            rows.add(new PrintedRow(List.of(Integer.toString(line.line()), allocation,
                    line.accessMode() + " · " + line.audience(), line.poolId(), rate, hours(line.gpuSeconds()),
                    line.normalisedGpuSeconds() == null ? "" : normalisedHours(line.normalisedGpuSeconds()),
                    line.amount().toPlainString()), Emphasis.LINE));
        }
        return rows;
    }

    private static PrintedParty party(Party party) {
        List<String> details = new ArrayList<>();
        details.add(party.id());
        if (party.contact() != null) {
            details.add("Contact: " + party.contact());
        }
        return new PrintedParty(party.role(), party.name(), details);
    }
}
