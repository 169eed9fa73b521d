package eu.gpuledger.server.web.report;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.reports.usage.UsageDimension;
import eu.gpuledger.reports.usage.UsageReport;
import eu.gpuledger.reports.usage.UsageReportRow;
import eu.gpuledger.server.web.Inputs;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Usage reports for funders, as JSON or CSV. */
@RestController
@RequestMapping("/api/v1/reports")
public class ReportController {

    private final UsageReport usageReport;

    public ReportController(UsageReport usageReport) {
        this.usageReport = usageReport;
    }

    @GetMapping("/usage")
    public ResponseEntity<?> usage(@RequestParam String from, @RequestParam String to,
                                   @RequestParam(required = false, defaultValue = "") String groupBy,
                                   @RequestParam(required = false, defaultValue = "json") String format) {
        Instant start = Inputs.instant(from, "from");
        Instant end = Inputs.instant(to, "to");
        List<UsageDimension> dimensions = groupBy.isBlank() ? List.of()
                : Arrays.stream(groupBy.split(",")).map(UsageDimension::ofParameter).distinct().toList();
        List<Map<String, Object>> rows = usageReport.run(start, end, dimensions).stream().map(ReportController::toJson).toList();
        return switch (format.toLowerCase()) {
            case "json" -> ResponseEntity.ok(Map.of("from", start, "to", end,
                    "groupBy", dimensions.stream().map(UsageDimension::parameter).toList(), "rows", rows));
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                    .body(toCsv(dimensions, rows));
            default -> throw new IllegalArgumentException("format must be json or csv, got '" + format + "'");
        };
    }

    private static Map<String, Object> toJson(UsageReportRow row) {
        Map<String, Object> json = new LinkedHashMap<>(row.group());
        json.put("grantedGpuHours", hours(row.granted()));
        json.put("consumedGpuHours", hours(row.consumed()));
        json.put("refundedGpuHours", hours(row.refunded()));
        json.put("netConsumedGpuHours", hours(row.netConsumed()));
        json.put("balanceGpuHours", hours(row.balance()));
        json.put("normalisedConsumedGpuHours", row.normalisedConsumed().hoursForDisplay());
        json.put("normalisedRefundedGpuHours", row.normalisedRefunded().hoursForDisplay());
        json.put("normalisedNetConsumedGpuHours", row.normalisedNetConsumed().hoursForDisplay());
        json.put("eurConsumed", row.eurConsumed().formatted());
        json.put("eurRefunded", row.eurRefunded().formatted());
        json.put("consumedGpuSeconds", row.consumed().value());
        json.put("refundedGpuSeconds", row.refunded().value());
        json.put("allocations", row.allocations());
        return json;
    }

    private static BigDecimal hours(GpuSeconds seconds) {
        return seconds == null ? null : seconds.hoursForDisplay();
    }

    private static String toCsv(List<UsageDimension> dimensions, List<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>(dimensions.stream().map(UsageDimension::parameter).toList());
        columns.addAll(List.of("grantedGpuHours", "consumedGpuHours", "refundedGpuHours", "netConsumedGpuHours",
                "balanceGpuHours", "normalisedConsumedGpuHours", "normalisedRefundedGpuHours",
                "normalisedNetConsumedGpuHours", "eurConsumed", "eurRefunded", "consumedGpuSeconds",
                "refundedGpuSeconds", "allocations"));
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                Object value = row.get(column);
                cells.add(value == null ? "" : csvCell(value.toString()));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    private static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

}
