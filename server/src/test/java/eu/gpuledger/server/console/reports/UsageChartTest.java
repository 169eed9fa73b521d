package eu.gpuledger.server.console.reports;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's rows arranged for Chart.js: the same figures, by month stacked by the other dimensions, or a bar each. */
class UsageChartTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UsageChart chart = new UsageChart(json, messages());

    private static StaticMessageSource messages() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("reports.measure.netConsumedGpuHours", Locale.ENGLISH, "Net consumed GPU-hours");
        messages.addMessage("reports.total", Locale.ENGLISH, "Total");
        messages.addMessage("reports.chart.others", Locale.ENGLISH, "Others");
        return messages;
    }

    private static ReportsController.Row row(String hours, String... group) {
        return new ReportsController.Row(List.of(group), Map.of("netConsumedGpuHours", new BigDecimal(hours)), 1);
    }

    @Test
    void a_report_by_provider_and_month_is_months_along_the_axis_with_a_stacked_series_per_provider() {
        JsonNode config = json.readTree(chart.json(List.of("provider", "month"), List.of(
                row("3.50", "idris", "2026-10"), row("1.00", "cines", "2026-09"), row("2.00", "cines", "2026-10")),
                "netConsumedGpuHours", Locale.ENGLISH));

        assertThat(config.at("/data/labels").toString()).isEqualTo("[\"2026-09\",\"2026-10\"]");
        assertThat(config.at("/data/datasets/0/label").asString()).as("the largest first").isEqualTo("idris");
        assertThat(config.at("/data/datasets/0/data").toString()).as("no hours in September").isEqualTo("[0,3.5]");
        assertThat(config.at("/data/datasets/1/data").toString()).isEqualTo("[1.0,2.0]");
        assertThat(config.at("/options/scales/y/stacked").asBoolean()).isTrue();
        assertThat(config.at("/options/plugins/legend/display").asBoolean()).isTrue();
    }

    @Test
    void beyond_ten_series_the_smaller_ones_are_drawn_together_and_the_table_keeps_each() {
        List<ReportsController.Row> rows = new ArrayList<>();
        for (int project = 1; project <= 12; project++) {
            rows.add(row(project + ".00", "p" + project, "2026-10"));
        }

        JsonNode config = json.readTree(chart.json(List.of("project", "month"), rows, "netConsumedGpuHours",
                Locale.ENGLISH));

        assertThat(config.at("/data/datasets")).hasSize(UsageChart.SERIES_MAX + 1);
        assertThat(config.at("/data/datasets/10/label").asString()).isEqualTo("Others");
        assertThat(config.at("/data/datasets/10/data").toString()).as("p2 and p1").isEqualTo("[3.0]");
    }

    @Test
    void without_month_each_row_is_a_bar_and_no_value_can_close_the_script_element() {
        String written = chart.json(List.of("project"), List.of(row("1.00", "</script><b>")), "netConsumedGpuHours",
                Locale.ENGLISH);

        assertThat(written).doesNotContain("<");
        assertThat(json.readTree(written).at("/data/labels/0").asString()).isEqualTo("</script><b>");
        assertThat(json.readTree(chart.json(List.of(), List.of(row("5.00")), "netConsumedGpuHours", Locale.ENGLISH))
                .at("/data/labels/0").asString()).isEqualTo("Total");
    }
}
