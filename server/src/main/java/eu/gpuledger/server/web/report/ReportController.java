package eu.gpuledger.server.web.report;

import eu.gpuledger.reports.usage.UsageDimension;
import eu.gpuledger.reports.usage.UsageReport;
import eu.gpuledger.reports.usage.UsageReportDocument;
import eu.gpuledger.reports.usage.UsageReportRow;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.security.ReadAccess;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Usage reports for funders, as JSON or CSV. */
@RestController
@RequestMapping("/api/v1/reports")
public class ReportController {

    private final UsageReport usageReport;
    private final ReadAccess access;

    public ReportController(UsageReport usageReport, ReadAccess access) {
        this.access = access;
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
        List<UsageReportRow> rows = usageReport.run(start, end, dimensions, access.report());
        return switch (format.toLowerCase()) {
            case "json" -> ResponseEntity.ok(Map.of("from", start, "to", end,
                    "groupBy", dimensions.stream().map(UsageDimension::parameter).toList(),
                    "rows", rows.stream().map(UsageReportDocument::fields).toList()));
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                    .body(UsageReportDocument.csv(dimensions, rows));
            default -> throw new IllegalArgumentException("format must be json or csv, got '" + format + "'");
        };
    }
}
