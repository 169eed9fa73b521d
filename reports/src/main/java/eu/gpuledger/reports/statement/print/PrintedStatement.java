package eu.gpuledger.reports.statement.print;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A statement as it is printed, whatever its kind: what a funder files. Every statement kind maps its content to this
 * neutral model (FUND: {@link FundStatementPrint}), and one renderer ({@link StatementPdf}) draws any of them, so that
 * every kind looks alike on paper and the layout rules (page breaks, repeated table headers, the hash on every page)
 * are written once.
 *
 * @param title         what the document is, e.g. "Fund statement"
 * @param statementId   the statement's id, printed as its reference
 * @param number        the statement's number once issued; null for a draft, which is printed as a DRAFT
 * @param issuedAt      the issue time once issued, else null
 * @param drawnUpAt     the instant the content is known at: the issue time of an issued statement; it dates the file
 * @param parties       who the statement is from, to and about
 * @param fields        the header's other fields (period, subject, instant known at), in their order
 * @param columns       the line table's columns, shared by every table of the statement
 * @param tables        the line tables, each with a caption (e.g. one per allocation)
 * @param totals        the statement's totals, printed after the tables
 * @param flags         what the reader must notice (e.g. a cap exceeded), printed in full; empty when nothing is flagged
 * @param contentSha256 the SHA-256 of the content's canonical form (docs/statements.md), in every page's footer
 */
public record PrintedStatement(String title, String statementId, String number, Instant issuedAt, Instant drawnUpAt,
                               List<PrintedParty> parties, List<PrintedField> fields, List<PrintedColumn> columns,
                               List<PrintedTable> tables, List<PrintedField> totals, List<String> flags,
                               String contentSha256) {

    public PrintedStatement {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(statementId, "statementId");
        Objects.requireNonNull(drawnUpAt, "drawnUpAt");
        Objects.requireNonNull(contentSha256, "contentSha256");
        if ((number == null) != (issuedAt == null)) {
            throw new IllegalArgumentException("an issued statement has a number and an issue time, a draft neither");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a statement's table has at least one column");
        }
        for (PrintedTable table : tables) {
            for (PrintedRow row : table.rows()) {
                if (row.cells().size() != columns.size()) {
                    throw new IllegalArgumentException("a row of '" + table.caption() + "' has " + row.cells().size()
                            + " cells for " + columns.size() + " columns");
                }
            }
        }
        parties = List.copyOf(parties);
        fields = List.copyOf(fields);
        columns = List.copyOf(columns);
        tables = List.copyOf(tables);
        totals = List.copyOf(totals);
        flags = List.copyOf(flags);
    }

    public boolean draft() {
        return number == null;
    }

    /** A party: its role on the statement ("Funder", "Seller"), its name, and further lines (address, ids). */
    public record PrintedParty(String role, String name, List<String> details) {
        public PrintedParty {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(name, "name");
            details = List.copyOf(details);
        }
    }

    /** A labelled value of the header or of the totals. */
    public record PrintedField(String label, String value) {
        public PrintedField {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A column: its heading, how its cells align, and its share of the table's width (a weight). */
    public record PrintedColumn(String heading, Alignment alignment, int widthWeight) {
        public PrintedColumn {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(alignment, "alignment");
            if (widthWeight <= 0) {
                throw new IllegalArgumentException("a column's width weight is positive");
            }
        }
    }

    /** Text to the left (words, ids, dates), figures to the right so that their digits line up. */
    public enum Alignment {
        LEFT, RIGHT
    }

    public record PrintedTable(String caption, List<PrintedRow> rows) {
        public PrintedTable {
            Objects.requireNonNull(caption, "caption");
            rows = List.copyOf(rows);
        }
    }

    /** A row of a table: a line, or a balance or subtotal printed in bold. */
    public record PrintedRow(List<String> cells, Emphasis emphasis) {
        public PrintedRow {
            cells = List.copyOf(cells);
            Objects.requireNonNull(emphasis, "emphasis");
        }
    }

    public enum Emphasis {
        LINE, BALANCE
    }
}
