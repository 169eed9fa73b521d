package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;
import eu.gpuledger.reports.csv.CsvCells;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A usage report as funders read it (API.md): each row's group, then its figures by name, in GPU-hours for people
 * and in GPU-seconds where they must add up exactly; as JSON fields or as CSV with one header line.
 */
public final class UsageReportDocument {

    /** The figures of a row, in the order of the CSV's columns after the group's. */
    private static final List<String> FIGURES = List.of("grantedGpuHours", "consumedGpuHours", "refundedGpuHours",
            "netConsumedGpuHours", "balanceGpuHours", "normalisedConsumedGpuHours", "normalisedRefundedGpuHours",
            "normalisedNetConsumedGpuHours", "eurConsumed", "eurRefunded", "consumedGpuSeconds",
            "refundedGpuSeconds", "allocations");

    private UsageReportDocument() {
    }

    /** A row's group values and figures by name; normalised hours and money are null in a report as known then. */
    public static Map<String, Object> fields(UsageReportRow row) {
        Map<String, Object> fields = new LinkedHashMap<>(row.group());
        fields.put("grantedGpuHours", hours(row.granted()));
        fields.put("consumedGpuHours", hours(row.consumed()));
        fields.put("refundedGpuHours", hours(row.refunded()));
        fields.put("netConsumedGpuHours", hours(row.netConsumed()));
        fields.put("balanceGpuHours", hours(row.balance()));
        fields.put("normalisedConsumedGpuHours", hours(row.normalisedConsumed()));
        fields.put("normalisedRefundedGpuHours", hours(row.normalisedRefunded()));
        fields.put("normalisedNetConsumedGpuHours", hours(row.normalisedNetConsumed()));
        fields.put("eurConsumed", row.eurConsumed() == null ? null : row.eurConsumed().formatted());
        fields.put("eurRefunded", row.eurRefunded() == null ? null : row.eurRefunded().formatted());
        fields.put("consumedGpuSeconds", row.consumed().value());
        fields.put("refundedGpuSeconds", row.refunded().value());
        fields.put("allocations", row.allocations());
        return fields;
    }

    /** The report as CSV: a header of the dimensions then the figures, a line per row; an absent figure is empty. */
    public static String csv(List<UsageDimension> dimensions, List<UsageReportRow> rows) {
        List<String> columns = new ArrayList<>(dimensions.stream().map(UsageDimension::parameter).toList());
        columns.addAll(FIGURES);
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (UsageReportRow row : rows) {
            Map<String, Object> fields = fields(row);
            List<String> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                Object value = fields.get(column);
                cells.add(value == null ? "" : value.toString());
            }
            CsvCells.row(csv, cells);
        }
        return csv.toString();
    }

    private static BigDecimal hours(GpuSeconds seconds) {
        return seconds == null ? null : seconds.hoursForDisplay();
    }

    private static BigDecimal hours(NormalisedGpuSeconds seconds) {
        return seconds == null ? null : seconds.hoursForDisplay();
    }

}
