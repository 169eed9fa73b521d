package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.journal.Movement;
import eu.gpuledger.projections.support.ReadModelDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static eu.gpuledger.ledger.allocation.FundingSource.EUROHPC_JU;
import static eu.gpuledger.ledger.allocation.FundingSource.GENCI;
import static eu.gpuledger.ledger.project.AccessMode.GENCI_DYNAMIC;
import static eu.gpuledger.ledger.project.AccessMode.GENCI_REGULAR;
import static eu.gpuledger.ledger.project.Audience.ACADEMIC;
import static eu.gpuledger.ledger.project.Audience.STARTUP_SME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A funder's usage report over the read models, on PostgreSQL. Two centres: IDRIS (Jean Zay's A100 and V100 pools)
 * and CINES (Adastra's MI250X pool); three projects of 2041, each with one allocation: a climate project on the
 * A100s (1,000 h), a start-up's robotics project on the V100s paid by the EuroHPC JU (500 h) and an astrophysics
 * project at CINES (2,000 h). In March 2041 they consume 20 h (2 h refunded), 10 h and 40 h; the climate project
 * also used 7 h in February and the astrophysics project 3 h on 1 April.
 */
class UsageReportTest {

    private static final Instant MARCH_2041 = Instant.parse("2041-03-01T00:00:00Z");
    private static final Instant APRIL_2041 = Instant.parse("2041-04-01T00:00:00Z");

    private static DSLContext sql;
    private static ReadModels readModels;
    private static UsageReport report;

    @BeforeAll
    static void database() {
        sql = ReadModelDatabase.create();
        readModels = new ReadModels(sql);
        report = new UsageReport(sql);
    }

    @BeforeEach
    void twoCentresThreeProjects() {
        readModels.clear();
        readModels.provider("idris").provider("cines")
                .pool("jz-a100", "idris").pool("jz-v100", "idris").pool("ad-mi250", "cines")
                .project("2041-AD011", ACADEMIC, "climate", GENCI_DYNAMIC)
                .project("2041-AD022", STARTUP_SME, "AI, robotics", GENCI_DYNAMIC)
                .project("2041-A0193", ACADEMIC, "astrophysics", GENCI_REGULAR)
                .allocation("climate", "2041-AD011", "jz-a100", GENCI, "2041-01-01T00:00:00Z", "2042-01-01T00:00:00Z",
                        1000)
                .allocation("robots", "2041-AD022", "jz-v100", EUROHPC_JU, "2041-01-01T00:00:00Z",
                        "2042-01-01T00:00:00Z", 500)
                .allocation("stars", "2041-A0193", "ad-mi250", GENCI, "2041-01-01T00:00:00Z", "2042-01-01T00:00:00Z",
                        2000)
                .usage("climate", "2041-02-27", 7, 0, "2", "0", 1)
                .usage("climate", "2041-03-10", 20, 2, "2", "0", 4)
                .usage("robots", "2041-03-11", 10, 0, "1", "1.50", 2)
                .usage("stars", "2041-03-12", 40, 0, "1", "0", 1)
                .usage("stars", "2041-04-01", 3, 0, "1", "0", 1);
    }

    @Test
    void usage_by_provider_sums_the_days_of_each_centres_pools_within_the_period() {
        List<UsageReportRow> rows = report.run(MARCH_2041, APRIL_2041, List.of(UsageDimension.PROVIDER));

        assertThat(rows).extracting(UsageReportRow::group)
                .containsExactly(Map.of("provider", "cines"), Map.of("provider", "idris"));
        UsageReportRow idris = rows.get(1);
        assertThat(idris.consumed()).isEqualTo(GpuSeconds.ofHours(30));
        assertThat(idris.refunded()).isEqualTo(GpuSeconds.ofHours(2));
        assertThat(idris.netConsumed()).isEqualTo(GpuSeconds.ofHours(28));
        assertThat(idris.normalisedConsumed().hoursForDisplay()).isEqualByComparingTo("50"); // 20 h × 2 + 10 h × 1
        assertThat(idris.normalisedNetConsumed().hoursForDisplay()).isEqualByComparingTo("46");
        assertThat(idris.eurConsumed().formatted()).isEqualTo("15.00");
        assertThat(idris.granted()).isEqualTo(GpuSeconds.ofHours(1500));
        assertThat(idris.allocations()).isEqualTo(2);
        UsageReportRow cines = rows.get(0);
        assertThat(cines.consumed()).as("1 April is outside March").isEqualTo(GpuSeconds.ofHours(40));
        assertThat(cines.granted()).isEqualTo(GpuSeconds.ofHours(2000));
        assertThat(cines.allocations()).isEqualTo(1);
    }

    @Test
    void grouped_by_audience_and_sector_each_combination_is_a_row_in_order() {
        List<UsageReportRow> rows = report.run(MARCH_2041, APRIL_2041,
                List.of(UsageDimension.AUDIENCE, UsageDimension.SECTOR));

        assertThat(rows).extracting(UsageReportRow::group).containsExactly(
                Map.of("audience", "ACADEMIC", "sector", "astrophysics"),
                Map.of("audience", "ACADEMIC", "sector", "climate"),
                Map.of("audience", "STARTUP_SME", "sector", "AI, robotics"));
        assertThat(rows).extracting(UsageReportRow::consumed)
                .containsExactly(GpuSeconds.ofHours(40), GpuSeconds.ofHours(20), GpuSeconds.ofHours(10));
    }

    @Test
    void grouped_by_funding_source_the_eurohpc_share_stands_apart() {
        List<UsageReportRow> rows = report.run(MARCH_2041, APRIL_2041, List.of(UsageDimension.FUNDING_SOURCE));

        assertThat(rows).extracting(row -> row.group().get("fundingSource")).containsExactly("EUROHPC_JU", "GENCI");
        assertThat(rows.get(0).consumed()).isEqualTo(GpuSeconds.ofHours(10));
        assertThat(rows.get(1).consumed()).isEqualTo(GpuSeconds.ofHours(60));
    }

    @Test
    void without_grouping_the_report_is_one_row_of_totals() {
        List<UsageReportRow> rows = report.run(MARCH_2041, APRIL_2041, List.of());

        assertThat(rows).hasSize(1);
        UsageReportRow totals = rows.get(0);
        assertThat(totals.group()).isEmpty();
        assertThat(totals.consumed()).isEqualTo(GpuSeconds.ofHours(70));
        assertThat(totals.refunded()).isEqualTo(GpuSeconds.ofHours(2));
        assertThat(totals.granted()).isEqualTo(GpuSeconds.ofHours(3500));
        assertThat(totals.balance()).as("975 h + 490 h + 1,957 h").isEqualTo(GpuSeconds.ofHours(3422));
        assertThat(totals.allocations()).isEqualTo(3);
    }

    @Test
    void the_totals_row_is_the_sum_of_the_rows_of_any_grouping() {
        UsageReportRow totals = report.run(MARCH_2041, APRIL_2041, List.of()).get(0);

        for (UsageDimension dimension : List.of(UsageDimension.PROVIDER, UsageDimension.POOL,
                UsageDimension.PROJECT, UsageDimension.ACCESS_MODE)) {
            List<UsageReportRow> rows = report.run(MARCH_2041, APRIL_2041, List.of(dimension));
            assertThat(rows.stream().map(UsageReportRow::netConsumed).reduce(GpuSeconds.ZERO, GpuSeconds::plus))
                    .as(dimension.parameter()).isEqualTo(totals.netConsumed());
            assertThat(rows.stream().map(UsageReportRow::granted).reduce(GpuSeconds.ZERO, GpuSeconds::plus))
                    .as(dimension.parameter()).isEqualTo(totals.granted());
            assertThat(rows.stream().mapToLong(UsageReportRow::allocations).sum()).as(dimension.parameter())
                    .isEqualTo(totals.allocations());
        }
    }

    @Test
    void a_period_with_neither_usage_nor_grant_still_has_its_row_of_zero_totals() {
        List<UsageReportRow> rows = report.run(Instant.parse("2061-03-01T00:00:00Z"),
                Instant.parse("2061-04-01T00:00:00Z"), List.of());

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).consumed()).isEqualTo(GpuSeconds.ZERO);
        assertThat(rows.get(0).granted()).isEqualTo(GpuSeconds.ZERO);
        assertThat(rows.get(0).balance()).isEqualTo(GpuSeconds.ZERO);
        assertThat(rows.get(0).allocations()).isZero();
    }

    @Test
    void by_month_each_month_carries_the_grant_and_the_balance_as_they_stood_at_its_end() {
        List<UsageReportRow> rows = report.run(Instant.parse("2041-02-01T00:00:00Z"),
                Instant.parse("2041-05-01T00:00:00Z"), List.of(UsageDimension.MONTH));

        assertThat(rows).extracting(row -> row.group().get("month")).containsExactly("2041-02", "2041-03", "2041-04");
        assertThat(rows).extracting(UsageReportRow::consumed)
                .containsExactly(GpuSeconds.ofHours(7), GpuSeconds.ofHours(70), GpuSeconds.ofHours(3));
        assertThat(rows).extracting(UsageReportRow::granted).as("1,000 h + 500 h + 2,000 h, every month")
                .containsOnly(GpuSeconds.ofHours(3500));
        assertThat(rows).extracting(UsageReportRow::balance).as("3,500 h − 7 h; − 70 h + 2 h; − 3 h")
                .containsExactly(GpuSeconds.ofHours(3493), GpuSeconds.ofHours(3425), GpuSeconds.ofHours(3422));
        assertThat(rows).extracting(UsageReportRow::allocations).containsOnly(3L);
    }

    @Test
    void a_months_balance_is_the_previous_months_plus_its_own_movements_by_the_balance_equation() {
        readModels.entry("climate", Movement.SUPPLEMENTED, GpuSeconds.ofHours(100).value(),
                Instant.parse("2041-03-15T00:00:00Z"), Instant.parse("2041-03-15T00:00:00Z"));
        readModels.entry("climate", Movement.TRANSFERRED_OUT, GpuSeconds.ofHours(30).value(),
                Instant.parse("2041-04-02T00:00:00Z"), Instant.parse("2041-04-02T00:00:00Z"));
        readModels.entry("climate", Movement.TRANSFER_REVERSED, GpuSeconds.ofHours(10).value(),
                Instant.parse("2041-04-03T00:00:00Z"), Instant.parse("2041-04-03T00:00:00Z"));

        List<UsageReportRow> climate = report.run(Instant.parse("2041-02-01T00:00:00Z"),
                Instant.parse("2041-05-01T00:00:00Z"), List.of(UsageDimension.PROJECT, UsageDimension.MONTH))
                .stream().filter(row -> row.group().get("project").equals("2041-AD011")).toList();

        assertThat(climate).extracting(row -> row.group().get("month")).containsExactly("2041-02", "2041-03",
                "2041-04");
        assertThat(climate).extracting(UsageReportRow::granted).as("the supplement from March, 20 h out in April")
                .containsExactly(GpuSeconds.ofHours(1000), GpuSeconds.ofHours(1100), GpuSeconds.ofHours(1080));
        assertThat(climate).extracting(UsageReportRow::balance)
                .containsExactly(GpuSeconds.ofHours(1000 - 7), GpuSeconds.ofHours(1000 - 7 + 100 - 20 + 2),
                        GpuSeconds.ofHours(1000 - 7 + 100 - 20 + 2 - 30 + 10));
    }

    @Test
    void the_balance_of_the_last_month_is_the_balance_views_when_nothing_moved_after_it() {
        List<UsageReportRow> byMonth = report.run(Instant.parse("2041-01-01T00:00:00Z"),
                Instant.parse("2041-05-01T00:00:00Z"), List.of(UsageDimension.POOL, UsageDimension.MONTH));
        List<UsageReportRow> byPool = report.run(Instant.parse("2041-01-01T00:00:00Z"),
                Instant.parse("2041-05-01T00:00:00Z"), List.of(UsageDimension.POOL));

        for (UsageReportRow pool : byPool) {
            UsageReportRow april = byMonth.stream().filter(row -> row.group().get("pool")
                    .equals(pool.group().get("pool")) && row.group().get("month").equals("2041-04")).findFirst()
                    .orElseThrow();
            assertThat(april.balance()).as(pool.group().toString()).isEqualTo(pool.balance());
            assertThat(april.granted()).as(pool.group().toString()).isEqualTo(pool.granted());
        }
    }

    @Test
    void a_month_in_which_an_allocation_ran_without_usage_still_has_its_row_of_grant_and_balance() {
        List<UsageReportRow> rows = report.run(Instant.parse("2041-06-01T00:00:00Z"),
                Instant.parse("2041-08-01T00:00:00Z"), List.of(UsageDimension.MONTH));

        assertThat(rows).extracting(row -> row.group().get("month")).containsExactly("2041-06", "2041-07");
        assertThat(rows).extracting(UsageReportRow::consumed).containsOnly(GpuSeconds.ZERO);
        assertThat(rows).extracting(UsageReportRow::balance).containsOnly(GpuSeconds.ofHours(3422));
    }

    @Test
    void as_known_at_an_instant_a_job_recorded_after_it_is_not_counted_and_one_recorded_before_is() {
        Instant lateImport = Instant.parse("2041-05-02T08:00:00Z");
        readModels.entry("climate", Movement.CONSUMED, GpuSeconds.ofHours(5).value(),
                Instant.parse("2041-03-20T10:00:00Z"), lateImport);

        UsageReportRow before = report.run(MARCH_2041, APRIL_2041, List.of(), ReportScope.EVERYTHING,
                lateImport.minusSeconds(1)).get(0);
        UsageReportRow after = report.run(MARCH_2041, APRIL_2041, List.of(), ReportScope.EVERYTHING,
                lateImport).get(0);

        assertThat(before.consumed()).as("the March jobs recorded in March only").isEqualTo(GpuSeconds.ofHours(70));
        assertThat(after.consumed()).isEqualTo(GpuSeconds.ofHours(75));
        assertThat(after.refunded()).isEqualTo(GpuSeconds.ofHours(2));
        assertThat(before.balance()).as("3,500 h − 7 − 70 + 2 − 3").isEqualTo(GpuSeconds.ofHours(3422));
        assertThat(after.balance()).isEqualTo(GpuSeconds.ofHours(3417));
        assertThat(before.granted()).isEqualTo(GpuSeconds.ofHours(3500));
        assertThat(before.normalisedConsumed()).as("the journal keeps no factor").isNull();
        assertThat(before.eurConsumed()).isNull();
    }

    @Test
    void as_known_before_an_allocation_was_granted_it_is_not_in_the_report() {
        readModels.project("2041-AD033", ACADEMIC, "biology", GENCI_DYNAMIC)
                .allocation("cells", "2041-AD033", "jz-a100", GENCI, "2041-03-01T00:00:00Z", "2042-01-01T00:00:00Z",
                        300);

        UsageReportRow known = report.run(MARCH_2041, APRIL_2041, List.of(), ReportScope.EVERYTHING,
                Instant.parse("2041-02-28T00:00:00Z")).get(0);

        assertThat(known.allocations()).as("granted from 1 March, recorded then").isEqualTo(3);
        assertThat(known.granted()).isEqualTo(GpuSeconds.ofHours(3500));
    }

    @Test
    void as_known_at_an_instant_a_funder_still_sees_only_the_allocations_it_funds() {
        ReportScope euroHpc = new ReportScope(java.util.Set.of(EUROHPC_JU), java.util.Set.of());

        for (List<UsageDimension> groupBy : List.of(List.<UsageDimension>of(), List.of(UsageDimension.MONTH))) {
            List<UsageReportRow> rows = report.run(MARCH_2041, APRIL_2041, groupBy, euroHpc,
                    Instant.parse("2099-01-01T00:00:00Z"));

            assertThat(rows).as(groupBy.toString()).hasSize(1);
            assertThat(rows.get(0).consumed()).isEqualTo(GpuSeconds.ofHours(10));
            assertThat(rows.get(0).granted()).isEqualTo(GpuSeconds.ofHours(500));
            assertThat(rows.get(0).allocations()).isEqualTo(1);
        }
    }

    @Test
    void as_known_now_the_report_from_the_journal_is_the_report_from_the_daily_usage_and_balance_view() {
        Instant now = Instant.parse("2099-01-01T00:00:00Z");
        for (List<UsageDimension> groupBy : List.of(List.<UsageDimension>of(), List.of(UsageDimension.PROJECT),
                List.of(UsageDimension.FUNDING_SOURCE, UsageDimension.MONTH))) {
            List<UsageReportRow> daily = report.run(MARCH_2041, APRIL_2041, groupBy);
            List<UsageReportRow> journal = report.run(MARCH_2041, APRIL_2041, groupBy, ReportScope.EVERYTHING, now);

            assertThat(journal).as(groupBy.toString()).extracting(UsageReportRow::group, UsageReportRow::consumed,
                    UsageReportRow::refunded, UsageReportRow::granted, UsageReportRow::balance,
                    UsageReportRow::allocations).containsExactlyElementsOf(daily.stream().map(row -> org.assertj.core
                    .groups.Tuple.tuple(row.group(), row.consumed(), row.refunded(), row.granted(), row.balance(),
                            row.allocations())).toList());
        }
    }

    @Test
    void a_report_is_about_whole_utc_days_so_bounds_within_a_day_take_that_day() {
        List<UsageReportRow> rows = report.run(Instant.parse("2041-03-10T12:00:00Z"),
                Instant.parse("2041-03-11T06:00:00Z"), List.of(UsageDimension.PROJECT));

        assertThat(rows).extracting(row -> row.group().get("project"))
                .containsExactly("2041-A0193", "2041-AD011", "2041-AD022");
        assertThat(rows).extracting(UsageReportRow::consumed).as("10 and 11 March, not the 12th")
                .containsExactly(GpuSeconds.ZERO, GpuSeconds.ofHours(20), GpuSeconds.ofHours(10));
    }

    @Test
    void granted_and_balance_are_those_of_the_allocations_whose_period_overlaps_the_report() {
        readModels.project("2040-AD999", ACADEMIC, "climate", GENCI_DYNAMIC)
                .allocation("last-year", "2040-AD999", "jz-a100", GENCI, "2040-01-01T00:00:00Z",
                        "2041-01-01T00:00:00Z", 800)
                .movements("climate", 100, 50, 30, 20, 0);

        List<UsageReportRow> rows = report.run(MARCH_2041, APRIL_2041, List.of(UsageDimension.PROJECT));

        assertThat(rows).extracting(row -> row.group().get("project")).as("last year's allocation ended before")
                .containsExactly("2041-A0193", "2041-AD011", "2041-AD022");
        UsageReportRow climate = rows.get(1);
        assertThat(climate.granted()).as("granted + supplemented + transferred in − out − clawed back")
                .isEqualTo(GpuSeconds.ofHours(1000 + 100 + 50 - 30 - 20));
        assertThat(climate.balance()).as("that, + refunded − consumed − expired")
                .isEqualTo(GpuSeconds.ofHours(1100 + 2 - 27));
    }

    @Test
    void figures_are_as_the_ledger_knows_them_now_a_refund_recorded_later_changes_a_past_month() {
        UsageReportRow before = report.run(MARCH_2041, APRIL_2041, List.of()).get(0);

        readModels.usage("robots", "2041-03-11", 0, 4, "1", "1.50", 0); // refunded after March, on its job's day

        UsageReportRow after = report.run(MARCH_2041, APRIL_2041, List.of()).get(0);
        assertThat(after.refunded()).isEqualTo(before.refunded().plus(GpuSeconds.ofHours(4)));
        assertThat(after.netConsumed()).isEqualTo(before.netConsumed().minus(GpuSeconds.ofHours(4)));
        assertThat(after.eurRefunded().formatted()).isEqualTo("6.00");
    }

    @Test
    void the_balance_is_the_allocations_balance_now_usage_after_the_period_included() {
        UsageReportRow stars = report.run(MARCH_2041, APRIL_2041, List.of(UsageDimension.POOL)).stream()
                .filter(row -> row.group().get("pool").equals("ad-mi250")).findFirst().orElseThrow();

        assertThat(stars.consumed()).isEqualTo(GpuSeconds.ofHours(40));
        assertThat(stars.balance()).as("2,000 h − 40 h in March − 3 h on 1 April").isEqualTo(GpuSeconds.ofHours(1957));
    }

    @Test
    void as_csv_a_header_of_the_dimensions_and_figures_then_a_line_per_group_quoted_where_needed() {
        List<UsageDimension> bySector = List.of(UsageDimension.SECTOR);
        String csv = UsageReportDocument.csv(bySector, report.run(MARCH_2041, APRIL_2041, bySector));

        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("sector,grantedGpuHours,consumedGpuHours,refundedGpuHours,"
                + "netConsumedGpuHours,balanceGpuHours,normalisedConsumedGpuHours,normalisedRefundedGpuHours,"
                + "normalisedNetConsumedGpuHours,eurConsumed,eurRefunded,consumedGpuSeconds,refundedGpuSeconds,"
                + "allocations");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).isEqualTo("\"AI, robotics\",500.00,10.00,0.00,10.00,490.00,10.00,0.00,10.00,"
                + "15.00,0.00,36000,0,1");
        assertThat(lines.get(2)).startsWith("astrophysics,2000.00,40.00,");
        assertThat(lines.get(3)).startsWith("climate,1000.00,20.00,2.00,18.00,975.00,40.00,4.00,36.00,");
    }

    @Test
    void as_csv_by_month_the_grant_and_balance_are_those_at_the_months_end() {
        List<UsageDimension> byMonth = List.of(UsageDimension.MONTH);
        String csv = UsageReportDocument.csv(byMonth, report.run(MARCH_2041, APRIL_2041, byMonth));

        assertThat(csv.lines().skip(1).toList()).containsExactly("2041-03,3500.00,70.00,2.00,68.00,3425.00,90.00,"
                + "4.00,86.00,15.00,0.00,252000,7200,3");
    }

    @Test
    void as_csv_as_known_at_an_instant_the_normalised_hours_and_money_cells_are_empty() {
        String csv = UsageReportDocument.csv(List.of(), report.run(MARCH_2041, APRIL_2041, List.of(),
                ReportScope.EVERYTHING, Instant.parse("2041-06-01T00:00:00Z")));

        assertThat(csv.lines().skip(1).toList()).containsExactly("3500.00,70.00,2.00,68.00,3422.00,,,,,,252000,"
                + "7200,3");
    }

    @Test
    void a_grouping_the_report_does_not_know_is_refused_naming_those_it_does() {
        assertThatThrownBy(() -> UsageDimension.ofParameter("cluster"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("groupBy 'cluster' is not one of provider, pool, project, fundingSource, accessMode,"
                        + " audience, sector, month");
        assertThat(UsageDimension.ofParameter(" FundingSource ")).isEqualTo(UsageDimension.FUNDING_SOURCE);
    }

    @Test
    void a_period_must_end_after_it_starts() {
        assertThatThrownBy(() -> report.run(APRIL_2041, MARCH_2041, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to must be after from");
        assertThatThrownBy(() -> report.run(MARCH_2041, MARCH_2041, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
