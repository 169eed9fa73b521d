package eu.gpuledger.reports.statement;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.reports.csv.CsvCells;
import eu.gpuledger.reports.statement.FundStatements.FundContent;
import eu.gpuledger.reports.statement.FundStatements.FundLine;
import eu.gpuledger.reports.statement.FundStatements.FundSection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fund statement as a document: its content in canonical JSON (the bytes its hash is of), the whole statement as
 * JSON (header and content) and as CSV. Every figure is exact GPU-seconds beside GPU-hours rounded to 2 places for
 * people; the CSV's columns are fixed and documented (docs/statements.md), one line per row, UTF-8, LF line ends.
 */
public final class FundStatementDocument {

    /** The CSV's columns, in their order; a new column goes at the end, so that scripts reading by position go on. */
    public static final List<String> CSV_COLUMNS = List.of("statementId", "number", "funder", "period",
            "allocationId", "projectId", "poolId", "row", "effective", "movement", "entries", "creditGpuSeconds",
            "debitGpuSeconds", "balanceGpuSeconds", "creditGpuHours", "debitGpuHours", "balanceGpuHours");

    private FundStatementDocument() {
    }

    /** The content as a JSON value: what the hash is of; it names the period, the subject and the instant known at. */
    public static Map<String, Object> content(FundContent content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "FUND");
        json.put("funder", content.subject().funder().name());
        json.put("from", content.subject().from().toString());
        json.put("to", content.subject().to().toString());
        json.put("allocationId", content.subject().allocationId());
        json.put("projectId", content.subject().projectId());
        json.put("knownAt", content.knownAt().toString());
        List<Object> allocations = new ArrayList<>();
        for (FundSection section : content.sections()) {
            Map<String, Object> allocation = new LinkedHashMap<>();
            allocation.put("allocationId", section.allocationId());
            allocation.put("projectId", section.projectId());
            allocation.put("poolId", section.poolId());
            allocation.put("periodStart", section.periodStart().toString());
            allocation.put("periodEnd", section.periodEnd().toString());
            allocation.put("opening", quantity(section.opening()));
            List<Object> lines = new ArrayList<>();
            for (FundLine line : section.lines()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("effective", effective(line));
                fields.put("movement", line.movement().name());
                fields.put("direction", line.credit() ? "CREDIT" : "DEBIT");
                fields.put("entries", line.entries());
                fields.put("amount", quantity(line.gpuSeconds()));
                fields.put("balance", quantity(line.balance()));
                lines.add(fields);
            }
            allocation.put("lines", lines);
            allocation.put("credits", quantity(section.credits()));
            allocation.put("debits", quantity(section.debits()));
            allocation.put("closing", quantity(section.closing()));
            allocations.add(allocation);
        }
        json.put("allocations", allocations);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("opening", quantity(content.opening()));
        totals.put("credits", quantity(content.credits()));
        totals.put("debits", quantity(content.debits()));
        totals.put("closing", quantity(content.closing()));
        json.put("totals", totals);
        return json;
    }

    /** The whole statement as JSON: {@code statement} (the header) and {@code content}, canonical bytes. */
    public static byte[] json(StatementHeader header, FundContent content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statement", header(header));
        json.put("content", content(content));
        return CanonicalJson.bytes(json);
    }

    public static byte[] csv(StatementHeader header, FundContent content) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (FundSection section : content.sections()) {
            row(csv, header, section, "OPENING", section.periodStart().isAfter(content.subject().from())
                    ? section.periodStart().toString() : content.subject().from().toString(), "", "", null, null,
                    section.opening());
            for (FundLine line : section.lines()) {
                row(csv, header, section, "LINE", effective(line), line.movement().name(),
                        Long.toString(line.entries()), line.credit() ? line.gpuSeconds() : null,
                        line.credit() ? null : line.gpuSeconds(), line.balance());
            }
            row(csv, header, section, "CLOSING", content.subject().to().toString(), "", "", section.credits(),
                    section.debits(), section.closing());
        }
        row(csv, header, null, "TOTAL", "", "", "", content.credits(), content.debits(), content.closing());
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder csv, StatementHeader header, FundSection section, String row,
                            String effective, String movement, String entries, Long credit, Long debit,
                            long balance) {
        List<String> cells = List.of(header.statementId(), text(header.number()), header.funder(), header.period(),
                section == null ? "" : section.allocationId(), section == null ? "" : section.projectId(),
                section == null ? "" : section.poolId(), row, effective, movement, entries,
                credit == null ? "" : credit.toString(), debit == null ? "" : debit.toString(),
                Long.toString(balance), credit == null ? "" : hours(credit), debit == null ? "" : hours(debit),
                hours(balance));
        CsvCells.row(csv, cells);
    }

    private static Map<String, Object> header(StatementHeader header) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statementId", header.statementId());
        json.put("kind", header.kind());
        json.put("funder", header.funder());
        json.put("period", header.period());
        json.put("allocationId", header.allocationId());
        json.put("projectId", header.projectId());
        json.put("state", header.state());
        json.put("number", header.number());
        json.put("issuedAt", header.issuedAt() == null ? null : header.issuedAt().toString());
        json.put("issuedBy", header.issuedBy());
        json.put("knownAt", header.knownAt() == null ? null : header.knownAt().toString());
        json.put("contentSha256", header.contentSha256());
        return json;
    }

    private static String effective(FundLine line) {
        return line.day() != null ? line.day().toString() : line.effectiveAt().toString();
    }

    private static Map<String, Object> quantity(long gpuSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("gpuSeconds", gpuSeconds);
        json.put("gpuHours", hours(gpuSeconds));
        return json;
    }

    private static String hours(long gpuSeconds) {
        return GpuSeconds.of(gpuSeconds).hoursForDisplay().toPlainString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

}
