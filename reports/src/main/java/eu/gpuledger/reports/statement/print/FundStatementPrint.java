package eu.gpuledger.reports.statement.print;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.journal.Movement;
import eu.gpuledger.reports.statement.FundStatements.FundContent;
import eu.gpuledger.reports.statement.FundStatements.FundLine;
import eu.gpuledger.reports.statement.FundStatements.FundSection;
import eu.gpuledger.reports.statement.StatementHeader;
import eu.gpuledger.reports.statement.print.PrintedStatement.Alignment;
import eu.gpuledger.reports.statement.print.PrintedStatement.Emphasis;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedColumn;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedField;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedParty;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedRow;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedTable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fund statement as printed: the funder and the subject as parties, one table per allocation (opening balance,
 * each credit and debit with the running balance, closing balance), the totals and the balance equation. Figures
 * are the content's, in GPU-hours to 2 places as in the JSON and CSV (docs/statements.md); nothing is computed here
 * but the layout.
 */
public final class FundStatementPrint {

    public static final String TITLE = "Fund statement";

    static final List<PrintedColumn> COLUMNS = List.of(
            new PrintedColumn("Effective (UTC)", Alignment.LEFT, 26),
            new PrintedColumn("Movement", Alignment.LEFT, 22),
            new PrintedColumn("Entries", Alignment.RIGHT, 10),
            new PrintedColumn("Credit GPU-h", Alignment.RIGHT, 16),
            new PrintedColumn("Debit GPU-h", Alignment.RIGHT, 16),
            new PrintedColumn("Balance GPU-h", Alignment.RIGHT, 18));

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FundStatementPrint() {
    }

    public static PrintedStatement print(StatementHeader header, FundContent content, String contentSha256) {
        List<PrintedParty> parties = List.of(
                new PrintedParty("Funder", funderName(content.subject().funder()),
                        List.of("Funding source " + content.subject().funder().name())),
                new PrintedParty("Statement of", subject(content), subjectDetails(content)));
        List<PrintedField> fields = new ArrayList<>();
        fields.add(new PrintedField("Period", header.period() + " (" + day(content.subject().from()) + " to "
                + day(content.subject().to().minusSeconds(1)) + ", UTC)"));
        fields.add(new PrintedField("Statement id", header.statementId()));
        fields.add(new PrintedField("Figures as known at", INSTANT.format(content.knownAt()) + " UTC"));
        if (header.issuedBy() != null) {
            fields.add(new PrintedField("Issued by", header.issuedBy()));
        }
        fields.add(new PrintedField("Allocations", Integer.toString(content.sections().size())));

        List<PrintedTable> tables = new ArrayList<>(content.sections().size());
        for (FundSection section : content.sections()) {
            tables.add(table(section, content));
        }
        List<PrintedField> totals = List.of(
                new PrintedField("Opening balance, GPU-hours", hours(content.opening())),
                new PrintedField("Credits, GPU-hours", hours(content.credits())),
                new PrintedField("Debits, GPU-hours", hours(content.debits())),
                new PrintedField("Closing balance, GPU-hours", hours(content.closing())),
                new PrintedField("Opening + credits − debits = closing", "reconciled to the GPU-second"));
        return new PrintedStatement(TITLE, header.statementId(), header.number(), header.issuedAt(),
                content.knownAt(), parties, fields, COLUMNS, tables, totals, List.of(), contentSha256);
    }

    private static PrintedTable table(FundSection section, FundContent content) {
        List<PrintedRow> rows = new ArrayList<>(section.lines().size() + 2);
        Instant opened = section.periodStart().isAfter(content.subject().from())
                ? section.periodStart() : content.subject().from();
        rows.add(new PrintedRow(List.of(INSTANT.format(opened), "Opening balance", "", "", "",
                hours(section.opening())), Emphasis.BALANCE));
        for (FundLine line : section.lines()) {
            rows.add(new PrintedRow(List.of(
                    line.day() != null ? line.day().toString() : INSTANT.format(line.effectiveAt()),
                    movement(line.movement()) + (line.day() != null ? " (day)" : ""),
                    Long.toString(line.entries()),
                    line.credit() ? hours(line.gpuSeconds()) : "",
                    line.credit() ? "" : hours(line.gpuSeconds()),
                    hours(line.balance())), Emphasis.LINE));
        }
        rows.add(new PrintedRow(List.of(INSTANT.format(content.subject().to()), "Closing balance", "",
                hours(section.credits()), hours(section.debits()), hours(section.closing())), Emphasis.BALANCE));
        return new PrintedTable("Allocation " + section.allocationId() + " · project " + section.projectId()
                + " · pool " + section.poolId(), rows);
    }

    /** How accounting staff call a movement; a new movement fails to compile here until it is named. */
    static String movement(Movement movement) {
        return switch (movement) {
            case GRANTED -> "Grant";
            case SUPPLEMENTED -> "Supplement";
            case CONSUMED -> "Consumption";
            case REFUNDED -> "Refund";
            case TRANSFERRED_IN -> "Transfer in";
            case TRANSFERRED_OUT -> "Transfer out";
            case TRANSFER_REVERSED -> "Transfer reversed";
            case CLAWED_BACK -> "Claw-back";
            case EXPIRED -> "Expiry";
        };
    }

    static String funderName(FundingSource funder) {
        return switch (funder) {
            case GENCI -> "GENCI";
            case EUROHPC_JU -> "EuroHPC Joint Undertaking";
            case PRIVATE_CONTRACT -> "Private contract";
        };
    }

    private static String subject(FundContent content) {
        if (content.subject().allocationId() != null) {
            return "Allocation " + content.subject().allocationId();
        }
        if (content.subject().projectId() != null) {
            return "Project " + content.subject().projectId();
        }
        return "Every allocation funded by " + funderName(content.subject().funder());
    }

    private static List<String> subjectDetails(FundContent content) {
        List<String> details = new ArrayList<>();
        if (content.subject().allocationId() != null && content.subject().projectId() != null) {
            details.add("Project " + content.subject().projectId());
        }
        details.add("Funded by " + funderName(content.subject().funder()));
        return details;
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static String hours(long gpuSeconds) {
        return GpuSeconds.of(gpuSeconds).hoursForDisplay().toPlainString();
    }
}
