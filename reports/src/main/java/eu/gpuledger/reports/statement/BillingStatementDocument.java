package eu.gpuledger.reports.statement;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.reports.csv.CsvCells;
import eu.gpuledger.reports.statement.BillingContent.BillingLine;
import eu.gpuledger.reports.statement.BillingContent.Party;
import eu.gpuledger.reports.statement.BillingContent.Totals;
import eu.gpuledger.reports.statement.JuBillingContent.JuShare;
import eu.gpuledger.reports.statement.JuBillingContent.PoolCapacity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BILLING statement as a document: its content in canonical JSON (the bytes its hash is of), the whole statement as
 * JSON (header and content) and as CSV. Exact figures beside figures for people: GPU-seconds (whole) and normalised
 * GPU-seconds (exact decimal text) beside hours to 2 places; amounts in EUR as text with 2 places; the exact amount of
 * each line beside it. CSV columns are fixed and documented (docs/statements.md), UTF-8, LF line ends.
 */
public final class BillingStatementDocument {

    /** The CSV's columns, in their order; a new column goes at the end. */
    public static final List<String> CSV_COLUMNS = List.of("statementId", "number", "funder", "period", "providerId",
            "projectId", "row", "line", "allocationId", "lineProjectId", "accessMode", "audience", "poolId", "rateId",
            "rateEffectiveFrom", "rateUnit", "eurPerHour", "from", "to", "gpuSeconds", "gpuHours",
            "normalisedGpuSeconds", "normalisedGpuHours", "amountEur", "adjustsStatementId", "adjustsNumber",
            "adjustsPeriod", "adjustsLine", "limitGpuSeconds", "limitGpuHours", "exceeded");

    private BillingStatementDocument() {
    }

    /** The content as a JSON value: what the hash is of. */
    public static Map<String, Object> content(BillingContent content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "BILLING");
        json.put("statement", content instanceof JuBillingContent ? "EUROHPC_JU_BILLING" : "PAID_USE");
        json.put("funder", content.subject().funder().name());
        json.put("period", content.subject().period().text());
        json.put("from", content.subject().period().from().toString());
        json.put("to", content.subject().period().to().toString());
        json.put("providerId", content.subject().providerId());
        json.put("projectId", content.subject().projectId());
        json.put("knownAt", content.knownAt().toString());
        json.put("seller", party(content.seller()));
        json.put("buyer", party(content.buyer()));
        json.put("lines", content.lines().stream().map(BillingStatementDocument::line).toList());
        json.put("adjustments", content.adjustments().stream().map(BillingStatementDocument::line).toList());
        json.put("totals", totals(content.totals()));
        if (content instanceof JuBillingContent ju) {
            json.put("juShare", juShare(ju.juShare()));
        }
        return json;
    }

    /** The whole statement as JSON: {@code statement} (the header) and {@code content}, canonical bytes. */
    public static byte[] json(StatementHeader header, BillingContent content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statement", header(header, content));
        json.put("content", content(content));
        return CanonicalJson.bytes(json);
    }

    /**
     * One row per line (LINE), per adjustment (ADJUSTMENT), the JU-share measures of a JU billing statement
     * (JU_SHARE, PAID_USE_CAP: usage against its limit, and whether it is exceeded), and one TOTAL.
     */
    public static byte[] csv(StatementHeader header, BillingContent content) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (BillingLine line : content.lines()) {
            lineRow(csv, header, content, "LINE", line);
        }
        for (BillingLine line : content.adjustments()) {
            lineRow(csv, header, content, "ADJUSTMENT", line);
        }
        if (content instanceof JuBillingContent ju) {
            JuShare share = ju.juShare();
            measureRow(csv, header, content, "JU_SHARE", share.juUsageGpuSeconds(), share.juShareGpuSeconds(),
                    share.juShareExceeded());
            measureRow(csv, header, content, "PAID_USE_CAP", share.paidUseGpuSeconds(), share.paidUseCapGpuSeconds(),
                    share.paidUseCapExceeded());
        }
        Totals totals = content.totals();
        List<String> cells = prefix(header, content, "TOTAL");
        cells.addAll(List.of("", "", "", "", "", "", "", "", "", "", "", "", Long.toString(totals.gpuSeconds()),
                hours(totals.gpuSeconds()), totals.normalisedGpuSeconds().toPlainString(),
                normalisedHours(totals.normalisedGpuSeconds()), totals.amount().toPlainString(), "", "", "", "", "",
                "", ""));
        append(csv, cells);
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void lineRow(StringBuilder csv, StatementHeader header, BillingContent content, String row,
                                BillingLine line) {
        List<String> cells = prefix(header, content, row);
        cells.addAll(List.of(Integer.toString(line.line()), line.allocationId(), text(line.projectId()),
                text(line.accessMode()), text(line.audience()), line.poolId(), line.rate().rateId(),
                line.rate().effectiveFrom().toString(), line.rate().unit().name(),
                line.rate().eurPerHour().toPlainString(), line.from().toString(), line.to().toString(),
                Long.toString(line.gpuSeconds()), hours(line.gpuSeconds()),
                line.normalisedGpuSeconds() == null ? "" : line.normalisedGpuSeconds().toPlainString(),
                line.normalisedGpuSeconds() == null ? "" : normalisedHours(line.normalisedGpuSeconds()),
                line.amount().toPlainString(),
                line.adjusts() == null ? "" : line.adjusts().statementId(),
                line.adjusts() == null ? "" : text(line.adjusts().number()),
                line.adjusts() == null ? "" : line.adjusts().period(),
                line.adjusts() == null || line.adjusts().line() == null ? "" : line.adjusts().line().toString(),
                "", "", ""));
        append(csv, cells);
    }

    private static void measureRow(StringBuilder csv, StatementHeader header, BillingContent content, String row,
                                   long usage, BigDecimal limit, boolean exceeded) {
        List<String> cells = prefix(header, content, row);
        cells.addAll(List.of("", "", "", "", "", "", "", "", "", "", "", "", Long.toString(usage), hours(usage), "",
                "", "", "", "", "", "", limit.toPlainString(), normalisedHours(limit), Boolean.toString(exceeded)));
        append(csv, cells);
    }

    private static List<String> prefix(StatementHeader header, BillingContent content, String row) {
        return new ArrayList<>(List.of(header.statementId(), text(header.number()), header.funder(), header.period(),
                content.subject().providerId(), text(content.subject().projectId()), row));
    }

    private static void append(StringBuilder csv, List<String> cells) {
        if (cells.size() != CSV_COLUMNS.size()) {
            throw new IllegalStateException("a CSV row has " + cells.size() + " cells, the header "
                    + CSV_COLUMNS.size());
        }
        CsvCells.row(csv, cells);
    }

    private static Map<String, Object> header(StatementHeader header, BillingContent content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statementId", header.statementId());
        json.put("kind", header.kind());
        json.put("funder", header.funder());
        json.put("period", header.period());
        json.put("providerId", content.subject().providerId());
        json.put("projectId", header.projectId());
        json.put("state", header.state());
        json.put("number", header.number());
        json.put("issuedAt", header.issuedAt() == null ? null : header.issuedAt().toString());
        json.put("issuedBy", header.issuedBy());
        json.put("knownAt", header.knownAt() == null ? null : header.knownAt().toString());
        json.put("contentSha256", header.contentSha256());
        return json;
    }

    private static Map<String, Object> party(Party party) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("role", party.role());
        json.put("id", party.id());
        json.put("name", party.name());
        json.put("contact", party.contact());
        return json;
    }

    private static Map<String, Object> line(BillingLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", line.line());
        json.put("allocationId", line.allocationId());
        json.put("projectId", line.projectId());
        json.put("accessMode", line.accessMode());
        json.put("audience", line.audience());
        json.put("poolId", line.poolId());
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("rateId", line.rate().rateId());
        rate.put("effectiveFrom", line.rate().effectiveFrom().toString());
        rate.put("unit", line.rate().unit().name());
        rate.put("eurPerHour", line.rate().eurPerHour().toPlainString());
        json.put("rate", rate);
        json.put("from", line.from().toString());
        json.put("to", line.to().toString());
        json.put("usage", quantity(line.gpuSeconds()));
        json.put("normalised", line.normalisedGpuSeconds() == null ? null : normalised(line.normalisedGpuSeconds()));
        json.put("exactAmountEur", line.exactAmount().stripTrailingZeros().toPlainString());
        json.put("amountEur", line.amount().toPlainString());
        if (line.adjusts() != null) {
            Map<String, Object> adjusts = new LinkedHashMap<>();
            adjusts.put("statementId", line.adjusts().statementId());
            adjusts.put("number", line.adjusts().number());
            adjusts.put("period", line.adjusts().period());
            adjusts.put("line", line.adjusts().line() == null ? null : (long) line.adjusts().line());
            json.put("adjusts", adjusts);
        }
        return json;
    }

    private static Map<String, Object> totals(Totals totals) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("usage", quantity(totals.gpuSeconds()));
        json.put("normalised", normalised(totals.normalisedGpuSeconds()));
        json.put("linesAmountEur", totals.linesAmount().toPlainString());
        json.put("adjustmentsAmountEur", totals.adjustmentsAmount().toPlainString());
        json.put("amountEur", totals.amount().toPlainString());
        return json;
    }

    private static Map<String, Object> juShare(JuShare share) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("juSharePercent", share.juSharePercent().toPlainString());
        List<Object> pools = new ArrayList<>();
        for (PoolCapacity pool : share.pools()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("poolId", pool.poolId());
            fields.put("gpusPerNode", (long) pool.gpusPerNode());
            fields.put("capacity", quantity(pool.capacityGpuSeconds()));
            pools.add(fields);
        }
        json.put("pools", pools);
        json.put("capacity", quantity(share.capacityGpuSeconds()));
        json.put("juShare", decimalQuantity(share.juShareGpuSeconds()));
        json.put("juUsage", quantity(share.juUsageGpuSeconds()));
        json.put("juShareExceeded", share.juShareExceeded());
        json.put("paidUseCapPercent", share.paidUseCapPercent().toPlainString());
        json.put("paidUseCap", decimalQuantity(share.paidUseCapGpuSeconds()));
        json.put("paidUse", quantity(share.paidUseGpuSeconds()));
        json.put("paidUseCapExceeded", share.paidUseCapExceeded());
        return json;
    }

    private static Map<String, Object> quantity(long gpuSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("gpuSeconds", gpuSeconds);
        json.put("gpuHours", hours(gpuSeconds));
        return json;
    }

    /** A share of a capacity: GPU-seconds as exact decimal text (a percentage of whole seconds need not be whole). */
    private static Map<String, Object> decimalQuantity(BigDecimal gpuSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("gpuSeconds", gpuSeconds.toPlainString());
        json.put("gpuHours", normalisedHours(gpuSeconds));
        return json;
    }

    private static Map<String, Object> normalised(BigDecimal normalisedGpuSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("normalisedGpuSeconds", normalisedGpuSeconds.stripTrailingZeros().toPlainString());
        json.put("normalisedGpuHours", normalisedHours(normalisedGpuSeconds));
        return json;
    }

    /** GPU-seconds as hours shown to 2 places, as every figure for people. */
    public static String hours(long gpuSeconds) {
        return GpuSeconds.of(gpuSeconds).hoursForDisplay().toPlainString();
    }

    /** Seconds as hours shown to 2 places (half up, as every shown hour); the exact figure is carried beside it. */
    public static String normalisedHours(BigDecimal seconds) {
        return seconds.divide(BigDecimal.valueOf(GpuSeconds.SECONDS_PER_HOUR), 2, RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

}
