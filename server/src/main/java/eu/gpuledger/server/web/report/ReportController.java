package eu.gpuledger.server.web.report;

import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.reports.usage.UsageDimension;
import eu.gpuledger.reports.usage.UsageReport;
import eu.gpuledger.reports.usage.UsageReportDocument;
import eu.gpuledger.reports.usage.UsageReportRow;
import eu.gpuledger.server.security.ReadAccess;
import eu.gpuledger.server.web.Inputs;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Usage reports for funders, as JSON or CSV (docs/usage-reports.md). */
@RestController
@RequestMapping("/api/v1/reports")
public class ReportController {

    /** UTF-8 CSV with a header line (RFC 4180, RFC 7111's media type). */
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** The length of a groupBy parameter at most: every dimension once, with room for spaces. */
    private static final int GROUP_BY_CHARS_MAX = 200;

    private final UsageReport usageReport;
    private final ReadAccess access;

    public ReportController(UsageReport usageReport, ReadAccess access) {
        this.access = access;
        this.usageReport = usageReport;
    }

    @GetMapping("/usage")
    public ResponseEntity<?> usage(@RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to,
                                   @RequestParam(required = false, defaultValue = "") String groupBy,
                                   @RequestParam(required = false) String knownAt,
                                   @RequestParam(required = false) String format,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        Instant start = ReportBound.FROM.parse(from);
        Instant end = ReportBound.TO.parse(to);
        if (!end.isAfter(start)) {
            throw new InvalidInput("to", "must be after from (periods are half-open [from, to)), got from " + start
                    + " and to " + end);
        }
        Instant known = Inputs.optionalInstant(knownAt, "knownAt");
        Format chosen = Format.of(format, accept);
        List<UsageDimension> dimensions = dimensions(groupBy);
        List<UsageReportRow> rows = usageReport.run(start, end, dimensions, access.report(), known);
        return switch (chosen) {
            case JSON -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("from", start);
                answer.put("to", end);
                if (known != null) {
                    answer.put("knownAt", known);
                }
                answer.put("groupBy", dimensions.stream().map(UsageDimension::parameter).toList());
                answer.put("rows", rows.stream().map(UsageReportDocument::fields).toList());
                yield ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
            }
            case CSV -> ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"usage.csv\"")
                    .body(UsageReportDocument.csv(dimensions, rows).getBytes(StandardCharsets.UTF_8));
        };
    }

    private static List<UsageDimension> dimensions(String groupBy) {
        if (groupBy.length() > GROUP_BY_CHARS_MAX) {
            throw new InvalidInput("groupBy", "must be at most " + GROUP_BY_CHARS_MAX + " characters");
        }
        if (groupBy.isBlank()) {
            return List.of();
        }
        List<UsageDimension> dimensions = new ArrayList<>();
        for (String name : groupBy.split(",")) {
            try {
                dimensions.add(UsageDimension.ofParameter(name));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidInput("groupBy", unknown.getMessage());
            }
        }
        return dimensions.stream().distinct().toList();
    }

    /** What a report is written as: {@code ?format=} when given, else the first of Accept's types it can give. */
    enum Format {
        JSON(MediaType.APPLICATION_JSON), CSV(ReportController.CSV);

        private final MediaType mediaType;

        Format(MediaType mediaType) {
            this.mediaType = mediaType;
        }

        static Format of(String format, String accept) throws HttpMediaTypeNotAcceptableException {
            if (format != null) {
                return switch (Inputs.text(format, "format", LedgerLimits.LABEL_CHARS_MAX).strip()
                        .toLowerCase(Locale.ROOT)) {
                    case "json" -> JSON;
                    case "csv" -> CSV;
                    default -> throw new InvalidInput("format", "must be json or csv, got '"
                            + LedgerLimits.shown(format) + "'");
                };
            }
            if (accept == null || accept.isBlank()) {
                return JSON;
            }
            List<MediaType> accepted;
            try {
                accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
            } catch (InvalidMediaTypeException unparseable) {
                throw new InvalidInput("Accept", "is not a list of media types: " + unparseable.getMessage());
            }
            accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed()); // stable: order kept
            for (MediaType wanted : accepted) {
                if (wanted.getQualityValue() == 0) {
                    continue;
                }
                for (Format candidate : values()) {
                    if (wanted.includes(candidate.mediaType)) {
                        return candidate;
                    }
                }
            }
            throw new HttpMediaTypeNotAcceptableException(Arrays.stream(values()).map(f -> f.mediaType).toList());
        }
    }
}
