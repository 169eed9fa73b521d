package eu.gpuledger.server.console.reports;

import eu.gpuledger.server.console.ApiProblem;
import eu.gpuledger.server.console.ConsoleApi;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage report page: a form over {@code GET /api/v1/reports/usage} (docs/usage-reports.md), its rows in a table,
 * the same figures drawn as a chart, and the CSV of exactly that report as the API writes it. The console computes no
 * figure: it shows the API's rows and only arranges them for the chart.
 */
@Controller
@RequestMapping("/console/reports")
public class ReportsController {

    /** The dimensions the API groups by, in the order the form offers them (API.md). */
    static final List<String> DIMENSIONS = List.of("provider", "pool", "project", "fundingSource", "accessMode",
            "audience", "sector", "month");
    /** The hours of a row as the API names them, in the table's order. */
    static final List<String> HOURS = List.of("grantedGpuHours", "consumedGpuHours", "refundedGpuHours",
            "netConsumedGpuHours", "balanceGpuHours", "normalisedNetConsumedGpuHours");
    /** The money of a row as the API names it. */
    static final List<String> MONEY = List.of("eurConsumed", "eurRefunded");
    /** What the chart can draw: a row's figure by its API name. */
    static final List<String> MEASURES = List.of("netConsumedGpuHours", "normalisedNetConsumedGpuHours",
            "eurConsumed");

    private final ConsoleApi api;
    private final UsageChart chart;

    public ReportsController(ConsoleApi api, JsonMapper json, MessageSource messages) {
        this.api = api;
        this.chart = new UsageChart(json, messages);
    }

    /** A row as the page shows it: its group's values in the asked order, and its figures as exact decimals. */
    public record Row(List<String> group, Map<String, BigDecimal> figures, Object allocations) {
    }

    @GetMapping
    public String report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                         @RequestParam(required = false) List<String> groupBy,
                         @RequestParam(required = false) String knownAt,
                         @RequestParam(required = false) String measure,
                         Model model, HttpServletResponse response) {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        boolean asked = from != null || to != null;
        List<String> dimensions = groupBy == null ? List.of()
                : groupBy.stream().filter(d -> d != null && DIMENSIONS.contains(d)).distinct().toList();
        String drawn = measure != null && MEASURES.contains(measure) ? measure : MEASURES.getFirst();
        model.addAttribute("from", asked ? from : now.minusMonths(11).toString());
        model.addAttribute("to", asked ? to : now.toString());
        model.addAttribute("groupBy", asked ? dimensions : List.of("month"));
        model.addAttribute("knownAt", knownAt);
        model.addAttribute("measure", drawn);
        model.addAttribute("dimensions", DIMENSIONS);
        model.addAttribute("measures", MEASURES);
        model.addAttribute("hours", HOURS);
        model.addAttribute("money", MONEY);
        if (!asked) {
            return "console/reports/report";
        }
        Map<String, Object> query = query(from, to, dimensions, knownAt);
        Map<String, Object> report;
        try {
            report = api.get(ConsoleApi.path("/reports/usage", query));
        } catch (ApiProblem.Refused refused) {
            if (refused.problem().status() == HttpServletResponse.SC_UNAUTHORIZED) {
                throw refused;
            }
            response.setStatus(refused.problem().status());
            model.addAttribute("problem", refused.problem());
            return "console/reports/report";
        }
        @SuppressWarnings("unchecked")
        List<String> answered = (List<String>) report.getOrDefault("groupBy", List.of());
        List<Row> rows = new ArrayList<>();
        for (Object item : report.get("rows") instanceof List<?> list ? list : List.of()) {
            if (item instanceof Map<?, ?> fields) {
                rows.add(row(fields, answered));
            }
        }
        model.addAttribute("report", report);
        model.addAttribute("columns", answered);
        model.addAttribute("rows", rows);
        model.addAttribute("csv", "/console/reports/usage.csv" + queryString(query));
        model.addAttribute("chartJson", chart.json(answered, rows, drawn, LocaleContextHolder.getLocale()));
        model.addAttribute("chartLabel", chart.label(answered, drawn, LocaleContextHolder.getLocale()));
        return "console/reports/report";
    }

    /** The CSV of the same report, as the API writes it, offered as a file to keep. */
    @GetMapping("/usage.csv")
    public ResponseEntity<byte[]> csv(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) List<String> groupBy,
                                      @RequestParam(required = false) String knownAt) {
        List<String> dimensions = groupBy == null ? List.of() : groupBy.stream().distinct().toList();
        ConsoleApi.Answer answer = api.download(ConsoleApi.path("/reports/usage",
                query(from, to, dimensions, knownAt)), "text/csv, application/problem+json");
        String name = "usage-" + fileSafe(from) + "-" + fileSafe(to) + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, answer.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(answer.bytes());
    }

    private static Map<String, Object> query(String from, String to, List<String> dimensions, String knownAt) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", from);
        query.put("to", to);
        query.put("groupBy", String.join(",", dimensions));
        query.put("knownAt", knownAt);
        return query;
    }

    /** The console's own query string for the same report: the dimensions as repeated parameters, as the form sends. */
    private static String queryString(Map<String, Object> query) {
        Map<String, Object> own = new LinkedHashMap<>(query);
        Object dimensions = own.remove("groupBy");
        String path = ConsoleApi.path("", own);
        StringBuilder text = new StringBuilder(path);
        for (String dimension : dimensions.toString().split(",")) {
            if (!dimension.isBlank()) {
                text.append(text.indexOf("?") < 0 ? '?' : '&').append("groupBy=").append(dimension);
            }
        }
        return text.toString();
    }

    private static Row row(Map<?, ?> fields, List<String> dimensions) {
        List<String> group = dimensions.stream().map(d -> fields.get(d) == null ? "" : fields.get(d).toString())
                .toList();
        Map<String, BigDecimal> figures = new LinkedHashMap<>();
        for (String name : HOURS) {
            figures.put(name, decimal(fields.get(name), 2));
        }
        for (String name : MONEY) {
            figures.put(name, decimal(fields.get(name), 2));
        }
        return new Row(group, figures, fields.get("allocations"));
    }

    /** The API writes hours and money with two places; JSON numbers come back as doubles, which keep them exactly. */
    static BigDecimal decimal(Object value, int places) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        BigDecimal decimal = value instanceof Double d ? BigDecimal.valueOf(d) : new BigDecimal(value.toString());
        return decimal.setScale(places, RoundingMode.HALF_EVEN);
    }

    private static String fileSafe(String text) {
        return text == null ? "" : text.replaceAll("[^A-Za-z0-9-]", "_");
    }
}
