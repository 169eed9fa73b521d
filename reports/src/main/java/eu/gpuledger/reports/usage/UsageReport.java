package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.quantity.Eur;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;
import eu.gpuledger.projections.balance.BucketColumns;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectConditionStep;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROJECT;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;

/**
 * Usage by any combination of provider, pool, project, funding source, access mode, audience, sector and month,
 * over the half-open period [from, to). Days are UTC days of effective time; from and to are taken at day
 * boundaries (a report is about days).
 */
@Component
public class UsageReport {

    private final DSLContext sql;

    public UsageReport(DSLContext sql) {
        this.sql = sql;
    }

    public List<UsageReportRow> run(Instant from, Instant to, List<UsageDimension> groupBy) {
        return run(from, to, groupBy, ReportScope.EVERYTHING);
    }

    /** The report over the allocations {@code scope} reaches only (docs/security.md). */
    public List<UsageReportRow> run(Instant from, Instant to, List<UsageDimension> groupBy, ReportScope scope) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from (periods are half-open [from, to))");
        }
        boolean byMonth = groupBy.contains(UsageDimension.MONTH);
        List<Field<String>> keys = new ArrayList<>();
        for (int i = 0; i < groupBy.size(); i++) {
            keys.add(groupBy.get(i).column().as("k" + i));
        }
        List<Field<String>> grouping = groupBy.stream().map(UsageDimension::column).toList();
        LocalDate fromDay = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate toDay = to.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(
                to.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT) ? 0 : 1);

        Field<BigDecimal> consumed = total(USAGE_DAILY.CONSUMED);
        Field<BigDecimal> refunded = total(USAGE_DAILY.REFUNDED);
        Field<BigDecimal> normalisedConsumed = total(USAGE_DAILY.NORMALISED_CONSUMED);
        Field<BigDecimal> normalisedRefunded = total(USAGE_DAILY.NORMALISED_REFUNDED);
        Field<BigDecimal> eurConsumed = total(USAGE_DAILY.EUR_CONSUMED);
        Field<BigDecimal> eurRefunded = total(USAGE_DAILY.EUR_REFUNDED);
        Map<List<String>, Accumulator> rows = new LinkedHashMap<>();
        for (Record row : grouped(sql.select(keys).select(consumed, refunded, normalisedConsumed, normalisedRefunded,
                        eurConsumed, eurRefunded)
                .from(USAGE_DAILY)
                .join(ALLOCATION_BALANCE).on(ALLOCATION_BALANCE.ALLOCATION_ID.eq(USAGE_DAILY.ALLOCATION_ID))
                .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                .leftJoin(VIEW_PROJECT).on(VIEW_PROJECT.PROJECT_ID.eq(ALLOCATION_BALANCE.PROJECT_ID))
                .where(USAGE_DAILY.DAY.ge(fromDay)).and(USAGE_DAILY.DAY.lt(toDay)).and(within(scope)), grouping)) {
            Accumulator accumulator = rows.computeIfAbsent(key(row, keys), k -> new Accumulator());
            accumulator.consumed = row.get(consumed).longValueExact();
            accumulator.refunded = row.get(refunded).longValueExact();
            accumulator.normalisedConsumed = row.get(normalisedConsumed);
            accumulator.normalisedRefunded = row.get(normalisedRefunded);
            accumulator.eurConsumed = row.get(eurConsumed);
            accumulator.eurRefunded = row.get(eurRefunded);
        }
        if (!byMonth) {
            Field<BigDecimal> granted = total(BucketColumns.entitlement());
            Field<BigDecimal> balance = total(BucketColumns.balance());
            Field<Integer> allocations = count();
            for (Record row : grouped(sql.select(keys).select(granted, balance, allocations)
                    .from(ALLOCATION_BALANCE)
                    .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                    .leftJoin(VIEW_PROJECT).on(VIEW_PROJECT.PROJECT_ID.eq(ALLOCATION_BALANCE.PROJECT_ID))
                    .where(ALLOCATION_BALANCE.PERIOD_START.lt(to)).and(ALLOCATION_BALANCE.PERIOD_END.gt(from))
                    .and(within(scope)),
                    grouping)) {
                Accumulator accumulator = rows.computeIfAbsent(key(row, keys), k -> new Accumulator());
                accumulator.granted = row.get(granted).longValueExact();
                accumulator.balance = row.get(balance).longValueExact();
                accumulator.allocations = row.get(allocations);
            }
        }
        List<UsageReportRow> result = new ArrayList<>(rows.size());
        rows.forEach((key, accumulator) -> result.add(accumulator.toRow(group(groupBy, key), byMonth)));
        result.sort((a, b) -> String.join("|", a.group().values()).compareTo(String.join("|", b.group().values())));
        return result;
    }

    /** The allocations a scope reaches: of its funding sources, or on a pool of its providers. */
    private static Condition within(ReportScope scope) {
        if (scope.everything()) {
            return noCondition();
        }
        return ALLOCATION_BALANCE.FUNDING_SOURCE.in(scope.fundingSources().stream().map(Enum::name).toList())
                .or(VIEW_POOL.PROVIDER_ID.in(scope.providers().stream().map(Object::toString).toList()));
    }

    /**
     * The rows of each group; without dimensions no GROUP BY at all (not even an empty one), so that the aggregates
     * give exactly one row, the totals, even over no usage at all.
     */
    private static Result<Record> grouped(SelectConditionStep<Record> query, List<Field<String>> grouping) {
        return grouping.isEmpty() ? query.fetch() : query.groupBy(grouping).fetch();
    }

    /** The sum of a quantity over a group, zero over none. */
    private static <T extends Number> Field<BigDecimal> total(Field<T> quantity) {
        return coalesce(sum(quantity), inline(BigDecimal.ZERO));
    }

    private static List<String> key(Record row, List<Field<String>> keys) {
        List<String> key = new ArrayList<>(keys.size());
        for (Field<String> field : keys) {
            key.add(String.valueOf(row.get(field)));
        }
        return key;
    }

    private static Map<String, String> group(List<UsageDimension> groupBy, List<String> key) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) {
            group.put(groupBy.get(i).parameter(), key.get(i));
        }
        return group;
    }

    private static final class Accumulator {
        long granted;
        long consumed;
        long refunded;
        long balance;
        long allocations;
        BigDecimal normalisedConsumed = BigDecimal.ZERO;
        BigDecimal normalisedRefunded = BigDecimal.ZERO;
        BigDecimal eurConsumed = BigDecimal.ZERO;
        BigDecimal eurRefunded = BigDecimal.ZERO;

        UsageReportRow toRow(Map<String, String> group, boolean byMonth) {
            return new UsageReportRow(group, byMonth ? null : GpuSeconds.of(granted), GpuSeconds.of(consumed),
                    GpuSeconds.of(refunded), byMonth ? null : GpuSeconds.of(balance),
                    NormalisedGpuSeconds.of(normalisedConsumed), NormalisedGpuSeconds.of(normalisedRefunded),
                    Eur.of(eurConsumed), Eur.of(eurRefunded), allocations);
        }
    }
}
