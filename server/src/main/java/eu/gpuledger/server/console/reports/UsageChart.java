package eu.gpuledger.server.console.reports;

import org.springframework.context.MessageSource;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A report's rows as a Chart.js bar chart, the configuration console.js draws: by month stacked by the other
 * dimensions when the report is by month, else a bar per row. Only the arrangement is the console's; each bar is a
 * figure of the API's rows, and the page's table holds the same figures for people who cannot see the chart.
 */
final class UsageChart {

    /** Series drawn at most in a stacked chart; the smaller ones are drawn together as one, the table lists each. */
    static final int SERIES_MAX = 10;
    /**
     * Colours told apart by people with the common colour-vision deficiencies (Okabe and Ito's palette, then
     * darker tones); the legend and the table name every series, so colour is never the only signal.
     */
    private static final List<String> COLOURS = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
            "#D55E00", "#F0E442", "#000000", "#7f5f00", "#5b2a86", "#8a8a8a");

    private final JsonMapper json;
    private final MessageSource messages;

    UsageChart(JsonMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    /** What the chart shows, in words: its accessible name. */
    String label(List<String> dimensions, String measure, Locale locale) {
        String measured = messages.getMessage("reports.measure." + measure, null, locale);
        if (dimensions.isEmpty()) {
            return messages.getMessage("reports.chart.total", new Object[]{measured}, locale);
        }
        String by = String.join(", ", dimensions.stream()
                .map(d -> messages.getMessage("reports.dimension." + d, null, locale)).toList());
        return messages.getMessage("reports.chart.by", new Object[]{measured, by}, locale);
    }

    /** The Chart.js configuration, as JSON safe inside a {@code <script type="application/json">} element. */
    String json(List<String> dimensions, List<ReportsController.Row> rows, String measure, Locale locale) {
        int month = dimensions.indexOf("month");
        boolean stacked = month >= 0 && dimensions.size() > 1;
        Map<String, Object> data = stacked ? byMonthStacked(rows, month, measure, locale) : bars(rows, measure, locale);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", "bar");
        config.put("data", data);
        Map<String, Object> unit = Map.of("display", true,
                "text", messages.getMessage("reports.measure." + measure, null, locale));
        Map<String, Object> scales = new LinkedHashMap<>();
        scales.put("x", Map.of("stacked", stacked));
        scales.put("y", Map.of("stacked", stacked, "beginAtZero", true, "title", unit));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("locale", locale.toLanguageTag());
        options.put("responsive", true);
        options.put("scales", scales);
        options.put("plugins", Map.of("legend", Map.of("display", stacked, "position", "bottom")));
        config.put("options", options);
        // "<" appears only inside JSON strings, where \u003c is the same text: no "</script>" can end the element
        return json.writeValueAsString(config).replace("<", "\\u003c");
    }

    private Map<String, Object> bars(List<ReportsController.Row> rows, String measure, Locale locale) {
        List<String> labels = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        for (ReportsController.Row row : rows) {
            labels.add(row.group().isEmpty() ? messages.getMessage("reports.total", null, locale)
                    : String.join(" · ", row.group()));
            values.add(value(row, measure));
        }
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("label", messages.getMessage("reports.measure." + measure, null, locale));
        dataset.put("data", values);
        dataset.put("backgroundColor", COLOURS.getFirst());
        return Map.of("labels", labels, "datasets", List.of(dataset));
    }

    /** Months along the axis, a stacked series per combination of the other dimensions' values. */
    private Map<String, Object> byMonthStacked(List<ReportsController.Row> rows, int month, String measure,
                                               Locale locale) {
        TreeSet<String> months = new TreeSet<>();
        Map<String, Map<String, BigDecimal>> series = new LinkedHashMap<>();
        for (ReportsController.Row row : rows) {
            List<String> others = new ArrayList<>(row.group());
            String key = others.remove(month);
            months.add(key);
            series.computeIfAbsent(String.join(" · ", others), name -> new LinkedHashMap<>())
                    .merge(key, value(row, measure), BigDecimal::add);
        }
        List<String> names = new ArrayList<>(series.keySet());
        names.sort(Comparator.comparing((String name) -> series.get(name).values().stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)).reversed());
        List<Map<String, Object>> datasets = new ArrayList<>();
        Map<String, BigDecimal> rest = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (i < SERIES_MAX) {
                datasets.add(dataset(names.get(i), series.get(names.get(i)), months, COLOURS.get(i)));
            } else {
                series.get(names.get(i)).forEach((m, v) -> rest.merge(m, v, BigDecimal::add));
            }
        }
        if (!rest.isEmpty()) {
            datasets.add(dataset(messages.getMessage("reports.chart.others", null, locale), rest, months,
                    COLOURS.getLast()));
        }
        return Map.of("labels", List.copyOf(months), "datasets", datasets);
    }

    private static Map<String, Object> dataset(String label, Map<String, BigDecimal> byMonth, TreeSet<String> months,
                                               String colour) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("label", label);
        dataset.put("data", months.stream().map(m -> byMonth.getOrDefault(m, BigDecimal.ZERO)).toList());
        dataset.put("backgroundColor", colour);
        return dataset;
    }

    private static BigDecimal value(ReportsController.Row row, String measure) {
        BigDecimal value = row.figures().get(measure);
        return value == null ? BigDecimal.ZERO : value;
    }
}
