package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.allocation.Bucket;
import eu.gpuledger.ledger.allocation.Buckets;
import eu.gpuledger.ledger.quantity.Eur;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;
import eu.gpuledger.projections.balance.BucketColumns;
import eu.gpuledger.projections.journal.Movement;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ALLOCATION;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROJECT;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

/**
 * Usage by any combination of provider, pool, project, funding source, access mode, audience, sector and month,
 * over the half-open period [from, to). Days are UTC days of effective time; from and to are taken at day
 * boundaries (a report is about days). See docs/usage-reports.md.
 * <p>
 * Two sources, one set of rules. As the ledger knows it now (no {@code knownAt}), usage comes from the daily usage,
 * which also carries the normalised hours and the money each charge recorded, and the grant and balance of a report
 * not split by month from the balance view. As the ledger knew it at an instant ({@code knownAt}), and for the grant
 * and balance of each month (as they stood at its end), figures are folded from the journal's entries, the only
 * read model that keeps when each movement was recorded and when it took effect (docs/time-travel.md).
 */
@Component
public class UsageReport {

    /** The UTC month of a journal entry's effective time, written as the daily usage's month ("2026-11"). */
    private static final Field<String> ENTRY_MONTH = DSL.field("to_char({0} AT TIME ZONE 'UTC', 'YYYY-MM')",
            String.class, JOURNAL_ENTRY.EFFECTIVE_AT);

    private final DSLContext sql;

    public UsageReport(DSLContext sql) {
        this.sql = sql;
    }

    public List<UsageReportRow> run(Instant from, Instant to, List<UsageDimension> groupBy) {
        return run(from, to, groupBy, ReportScope.EVERYTHING);
    }

    /** The report over the allocations {@code scope} reaches only (docs/security.md), as the ledger knows it now. */
    public List<UsageReportRow> run(Instant from, Instant to, List<UsageDimension> groupBy, ReportScope scope) {
        return run(from, to, groupBy, scope, null);
    }

    /**
     * The report as the ledger knew it at {@code knownAt}: only movements recorded by then count, whatever was
     * recorded since (a late import, a refund). Null means now. A report as known at an instant has no normalised
     * hours nor money (null): the journal keeps GPU-seconds, not the factor and price each charge carried.
     */
    public List<UsageReportRow> run(Instant from, Instant to, List<UsageDimension> groupBy, ReportScope scope,
                                    Instant knownAt) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from (periods are half-open [from, to))");
        }
        boolean byMonth = groupBy.contains(UsageDimension.MONTH);
        LocalDate fromDay = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate toDay = to.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(
                to.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT) ? 0 : 1);
        Map<List<String>, Accumulator> rows = new LinkedHashMap<>();
        if (knownAt == null) {
            usageOfTheDays(rows, groupBy, fromDay, toDay, scope);
        } else {
            usageAsKnown(rows, groupBy, start(fromDay), start(toDay), scope, knownAt);
        }
        if (byMonth || knownAt != null) {
            grantsAndBalancesFromTheJournal(rows, groupBy, fromDay, toDay, scope, knownAt);
        } else {
            grantsAndBalancesNow(rows, groupBy, from, to, scope);
        }
        if (groupBy.isEmpty()) {
            rows.computeIfAbsent(List.of(), k -> new Accumulator()); // the totals, even of nothing
        }
        List<UsageReportRow> result = new ArrayList<>(rows.size());
        rows.forEach((key, accumulator) -> result.add(accumulator.toRow(group(groupBy, key), knownAt == null)));
        result.sort((a, b) -> String.join("|", a.group().values()).compareTo(String.join("|", b.group().values())));
        return result;
    }

    /** Consumption and refunds from the daily usage, with the normalised hours and money each charge carried. */
    private void usageOfTheDays(Map<List<String>, Accumulator> rows, List<UsageDimension> groupBy, LocalDate fromDay,
                                LocalDate toDay, ReportScope scope) {
        List<Field<String>> keys = keys(groupBy, UsageDimension.MONTH.column());
        Field<BigDecimal> consumed = total(USAGE_DAILY.CONSUMED);
        Field<BigDecimal> refunded = total(USAGE_DAILY.REFUNDED);
        Field<BigDecimal> normalisedConsumed = total(USAGE_DAILY.NORMALISED_CONSUMED);
        Field<BigDecimal> normalisedRefunded = total(USAGE_DAILY.NORMALISED_REFUNDED);
        Field<BigDecimal> eurConsumed = total(USAGE_DAILY.EUR_CONSUMED);
        Field<BigDecimal> eurRefunded = total(USAGE_DAILY.EUR_REFUNDED);
        for (Record row : grouped(sql.select(keys).select(consumed, refunded, normalisedConsumed, normalisedRefunded,
                        eurConsumed, eurRefunded)
                .from(USAGE_DAILY)
                .join(ALLOCATION_BALANCE).on(ALLOCATION_BALANCE.ALLOCATION_ID.eq(USAGE_DAILY.ALLOCATION_ID))
                .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                .leftJoin(VIEW_PROJECT).on(VIEW_PROJECT.PROJECT_ID.eq(ALLOCATION_BALANCE.PROJECT_ID))
                .where(USAGE_DAILY.DAY.ge(fromDay)).and(USAGE_DAILY.DAY.lt(toDay)).and(within(scope)),
                grouping(groupBy, UsageDimension.MONTH.column()))) {
            Accumulator accumulator = rows.computeIfAbsent(key(row, keys), k -> new Accumulator());
            accumulator.consumed = row.get(consumed).longValueExact();
            accumulator.refunded = row.get(refunded).longValueExact();
            accumulator.normalisedConsumed = row.get(normalisedConsumed);
            accumulator.normalisedRefunded = row.get(normalisedRefunded);
            accumulator.eurConsumed = row.get(eurConsumed);
            accumulator.eurRefunded = row.get(eurRefunded);
        }
    }

    /** Consumption and refunds effective in [start, end) from the journal's entries recorded by {@code knownAt}. */
    private void usageAsKnown(Map<List<String>, Accumulator> rows, List<UsageDimension> groupBy, Instant start,
                              Instant end, ReportScope scope, Instant knownAt) {
        List<Field<String>> keys = keys(groupBy, ENTRY_MONTH);
        Field<BigDecimal> consumed = total(when(JOURNAL_ENTRY.MOVEMENT.eq(Movement.CONSUMED.name()),
                JOURNAL_ENTRY.AMOUNT).otherwise(inline(0L)));
        Field<BigDecimal> refunded = total(when(JOURNAL_ENTRY.MOVEMENT.eq(Movement.REFUNDED.name()),
                JOURNAL_ENTRY.AMOUNT).otherwise(inline(0L)));
        for (Record row : grouped(sql.select(keys).select(consumed, refunded)
                .from(JOURNAL_ENTRY)
                .join(JOURNAL_ALLOCATION).on(JOURNAL_ALLOCATION.ALLOCATION_NO.eq(JOURNAL_ENTRY.ALLOCATION_NO))
                .join(ALLOCATION_BALANCE).on(ALLOCATION_BALANCE.ALLOCATION_ID.eq(JOURNAL_ALLOCATION.ALLOCATION_ID))
                .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                .leftJoin(VIEW_PROJECT).on(VIEW_PROJECT.PROJECT_ID.eq(ALLOCATION_BALANCE.PROJECT_ID))
                .where(JOURNAL_ENTRY.MOVEMENT.in(Movement.CONSUMED.name(), Movement.REFUNDED.name()))
                .and(JOURNAL_ENTRY.EFFECTIVE_AT.ge(start)).and(JOURNAL_ENTRY.EFFECTIVE_AT.lt(end))
                .and(JOURNAL_ENTRY.RECORDED_AT.le(knownAt)).and(within(scope)),
                grouping(groupBy, ENTRY_MONTH))) {
            Accumulator accumulator = rows.computeIfAbsent(key(row, keys), k -> new Accumulator());
            accumulator.consumed = row.get(consumed).longValueExact();
            accumulator.refunded = row.get(refunded).longValueExact();
        }
    }

    /**
     * Granted and balance of a report not split by month, as known now: the balance view's figures of the
     * allocations whose period overlaps the report's, by the balance equation ({@link BucketColumns}).
     */
    private void grantsAndBalancesNow(Map<List<String>, Accumulator> rows, List<UsageDimension> groupBy,
                                      Instant from, Instant to, ReportScope scope) {
        List<Field<String>> keys = keys(groupBy, UsageDimension.MONTH.column());
        Field<BigDecimal> granted = total(BucketColumns.entitlement());
        Field<BigDecimal> balance = total(BucketColumns.balance());
        Field<Integer> allocations = count();
        for (Record row : grouped(sql.select(keys).select(granted, balance, allocations)
                        .from(ALLOCATION_BALANCE)
                        .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                        .leftJoin(VIEW_PROJECT).on(VIEW_PROJECT.PROJECT_ID.eq(ALLOCATION_BALANCE.PROJECT_ID))
                        .where(ALLOCATION_BALANCE.PERIOD_START.lt(to)).and(ALLOCATION_BALANCE.PERIOD_END.gt(from))
                        .and(within(scope)),
                grouping(groupBy, UsageDimension.MONTH.column()))) {
            Accumulator accumulator = rows.computeIfAbsent(key(row, keys), k -> new Accumulator());
            accumulator.granted = row.get(granted).longValueExact();
            accumulator.balance = row.get(balance).longValueExact();
            accumulator.allocations = row.get(allocations);
        }
    }

    /**
     * Granted and balance folded from the journal's entries into the balance view's buckets ({@link Buckets}: the
     * balance equation, written once in {@code Bucket}), counting only entries recorded by {@code knownAt} when it
     * is given. By month: each month row carries the figures of the allocations whose period overlaps that month,
     * as they stood at its end (the report's end for a last month cut short), so that a month's balance is its
     * previous month's balance plus that month's movements. Otherwise: the allocations whose period overlaps the
     * report's, with every entry known (whatever its effective time), as the balance view shows them.
     */
    private void grantsAndBalancesFromTheJournal(Map<List<String>, Accumulator> rows, List<UsageDimension> groupBy,
                                                 LocalDate fromDay, LocalDate toDay, ReportScope scope,
                                                 Instant knownAt) {
        boolean byMonth = groupBy.contains(UsageDimension.MONTH);
        List<Month> months = byMonth ? Month.between(fromDay, toDay) : List.of(Month.whole(fromDay, toDay));
        Instant start = start(fromDay);
        Instant end = start(toDay);
        Condition allocations = JOURNAL_ALLOCATION.PERIOD_START.lt(end).and(JOURNAL_ALLOCATION.PERIOD_END.gt(start))
                .and(within(scope));
        if (knownAt != null) {
            allocations = allocations.and(DSL.exists(DSL.selectOne().from(JOURNAL_ENTRY)
                    .where(JOURNAL_ENTRY.ALLOCATION_NO.eq(JOURNAL_ALLOCATION.ALLOCATION_NO))
                    .and(JOURNAL_ENTRY.MOVEMENT.eq(Movement.GRANTED.name()))
                    .and(JOURNAL_ENTRY.RECORDED_AT.le(knownAt))));
        }
        List<Field<String>> keys = keys(groupBy, inline((String) null));
        Map<Long, Allocation> inReport = new HashMap<>();
        sql.select(keys).select(JOURNAL_ALLOCATION.ALLOCATION_NO, JOURNAL_ALLOCATION.ALLOCATION_ID,
                        JOURNAL_ALLOCATION.PERIOD_START,
                        JOURNAL_ALLOCATION.PERIOD_END)
                .from(JOURNAL_ALLOCATION)
                .join(ALLOCATION_BALANCE).on(ALLOCATION_BALANCE.ALLOCATION_ID.eq(JOURNAL_ALLOCATION.ALLOCATION_ID))
                .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                .leftJoin(VIEW_PROJECT).on(VIEW_PROJECT.PROJECT_ID.eq(ALLOCATION_BALANCE.PROJECT_ID))
                .where(allocations)
                .fetch().forEach(row -> inReport.put(row.get(JOURNAL_ALLOCATION.ALLOCATION_NO), new Allocation(
                        row.get(JOURNAL_ALLOCATION.ALLOCATION_ID), key(row, keys),
                        row.get(JOURNAL_ALLOCATION.PERIOD_START),
                        row.get(JOURNAL_ALLOCATION.PERIOD_END), new Buckets[months.size()])));

        // The entries' sums per allocation, movement and the first month whose end they count for. As known now,
        // consumption and refunds (most of the entries) come summed per day from the daily usage instead: the same
        // effective times (a job's end, a refund at its job's end), a fraction of the rows.
        boolean usageFromTheDays = knownAt == null;
        YearMonth first = months.get(0).month();
        Field<Integer> monthIndex = byMonth ? monthIndex(DSL.field("({0} AT TIME ZONE 'UTC')", Instant.class,
                JOURNAL_ENTRY.EFFECTIVE_AT), first) : inline(0);
        Field<BigDecimal> amount = sum(JOURNAL_ENTRY.AMOUNT);
        sql.select(JOURNAL_ENTRY.ALLOCATION_NO, JOURNAL_ENTRY.MOVEMENT, monthIndex, amount)
                .from(JOURNAL_ENTRY)
                .join(JOURNAL_ALLOCATION).on(JOURNAL_ALLOCATION.ALLOCATION_NO.eq(JOURNAL_ENTRY.ALLOCATION_NO))
                .join(ALLOCATION_BALANCE).on(ALLOCATION_BALANCE.ALLOCATION_ID.eq(JOURNAL_ALLOCATION.ALLOCATION_ID))
                .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                .where(allocations)
                .and(byMonth ? JOURNAL_ENTRY.EFFECTIVE_AT.lt(end) : noCondition())
                .and(knownAt == null ? noCondition() : JOURNAL_ENTRY.RECORDED_AT.le(knownAt))
                .and(usageFromTheDays ? JOURNAL_ENTRY.MOVEMENT.notIn(Movement.CONSUMED.name(),
                        Movement.REFUNDED.name()) : noCondition())
                .groupBy(byMonth ? List.of(JOURNAL_ENTRY.ALLOCATION_NO, JOURNAL_ENTRY.MOVEMENT, monthIndex)
                        : List.of(JOURNAL_ENTRY.ALLOCATION_NO, JOURNAL_ENTRY.MOVEMENT))
                .fetch().forEach(row -> {
                    Allocation allocation = inReport.get(row.value1());
                    if (allocation == null) {
                        return; // its grant was recorded after knownAt: the allocation did not exist then
                    }
                    Movement movement = Movement.valueOf(row.value2());
                    allocation.change(row.value3(), movement.bucket(),
                            movement.inBucket(GpuSeconds.of(row.value4().longValueExact())));
                });
        if (usageFromTheDays) {
            Map<String, Allocation> byId = new HashMap<>();
            inReport.values().forEach(allocation -> byId.put(allocation.allocationId(), allocation));
            Field<Integer> dayIndex = byMonth ? monthIndex(USAGE_DAILY.DAY, first) : inline(0);
            Field<BigDecimal> consumed = sum(USAGE_DAILY.CONSUMED);
            Field<BigDecimal> refunded = sum(USAGE_DAILY.REFUNDED);
            sql.select(USAGE_DAILY.ALLOCATION_ID, dayIndex, consumed, refunded)
                    .from(USAGE_DAILY)
                    .join(JOURNAL_ALLOCATION).on(JOURNAL_ALLOCATION.ALLOCATION_ID.eq(USAGE_DAILY.ALLOCATION_ID))
                    .join(ALLOCATION_BALANCE).on(ALLOCATION_BALANCE.ALLOCATION_ID.eq(USAGE_DAILY.ALLOCATION_ID))
                    .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                    .where(allocations)
                    .and(byMonth ? USAGE_DAILY.DAY.lt(toDay) : noCondition())
                    .groupBy(byMonth ? List.of(USAGE_DAILY.ALLOCATION_ID, dayIndex) : List.of(USAGE_DAILY.ALLOCATION_ID))
                    .fetch().forEach(row -> {
                        Allocation allocation = byId.get(row.value1());
                        if (allocation != null) {
                            allocation.change(row.value2(), Bucket.CONSUMED,
                                    GpuSeconds.of(row.value3().longValueExact()));
                            allocation.change(row.value2(), Bucket.REFUNDED,
                                    GpuSeconds.of(row.value4().longValueExact()));
                        }
                    });
        }

        int monthColumn = groupBy.indexOf(UsageDimension.MONTH);
        for (Allocation allocation : inReport.values()) {
            Buckets standing = Buckets.EMPTY;
            for (int i = 0; i < months.size(); i++) {
                Buckets change = allocation.changes()[i];
                if (change != null) {
                    for (Bucket bucket : Bucket.values()) {
                        standing = standing.plus(bucket, change.of(bucket));
                    }
                }
                Month month = months.get(i);
                if (!allocation.overlaps(month)) {
                    continue;
                }
                List<String> key = new ArrayList<>(allocation.key());
                if (monthColumn >= 0) {
                    key.set(monthColumn, month.month().toString());
                }
                Accumulator accumulator = rows.computeIfAbsent(key, k -> new Accumulator());
                accumulator.granted = Math.addExact(accumulator.granted, standing.entitlement().value());
                accumulator.balance = Math.addExact(accumulator.balance, standing.balance().value());
                accumulator.allocations++;
            }
        }
    }

    /**
     * The index of the report's month a time or day falls in, counting from {@code first}; 0 for any before it (its
     * movements count from the first month's end on).
     */
    private static Field<Integer> monthIndex(Field<?> utcTime, YearMonth first) {
        return DSL.field("greatest(0, (extract(year from {0}) * 12 + extract(month from {0}))::int - {1})",
                Integer.class, utcTime, inline(first.getYear() * 12 + first.getMonthValue()));
    }

    /**
     * An allocation of the report: its group (the month left open), its period, and the changes to its buckets
     * effective in each month of the report (in the first, everything before it too).
     */
    private record Allocation(String allocationId, List<String> key, Instant periodStart, Instant periodEnd,
                              Buckets[] changes) {
        boolean overlaps(Month month) {
            return periodStart.isBefore(month.end()) && periodEnd.isAfter(month.start());
        }

        void change(int monthIndex, Bucket bucket, GpuSeconds amount) {
            changes[monthIndex] = (changes[monthIndex] == null ? Buckets.EMPTY : changes[monthIndex])
                    .plus(bucket, amount);
        }
    }

    /** A month of the report, [start, end), cut to the report's days at either end. */
    private record Month(YearMonth month, Instant start, Instant end) {

        /** The report's months (at most 1,200: a report's period is within the ledger's times, 2000 to 2100). */
        static List<Month> between(LocalDate fromDay, LocalDate toDay) {
            List<Month> months = new ArrayList<>();
            for (YearMonth month = YearMonth.from(fromDay); month.atDay(1).isBefore(toDay); month = month.plusMonths(1)) {
                LocalDate start = month.atDay(1).isBefore(fromDay) ? fromDay : month.atDay(1);
                LocalDate end = month.plusMonths(1).atDay(1).isAfter(toDay) ? toDay : month.plusMonths(1).atDay(1);
                months.add(new Month(month, UsageReport.start(start), UsageReport.start(end)));
            }
            return months;
        }

        /** The whole report as one period. */
        static Month whole(LocalDate fromDay, LocalDate toDay) {
            return new Month(YearMonth.from(fromDay), UsageReport.start(fromDay), UsageReport.start(toDay));
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static List<Field<String>> keys(List<UsageDimension> groupBy, Field<String> month) {
        List<Field<String>> keys = new ArrayList<>();
        for (int i = 0; i < groupBy.size(); i++) {
            keys.add(groupBy.get(i).column(month).as("k" + i));
        }
        return keys;
    }

    /** The expressions a query groups by: the dimensions' columns, {@code month} for the month. */
    private static List<Field<?>> grouping(List<UsageDimension> groupBy, Field<String> month) {
        return groupBy.stream().<Field<?>>map(dimension -> dimension.column(month)).toList();
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
    private static Result<Record> grouped(SelectConditionStep<Record> query, List<Field<?>> grouping) {
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

        UsageReportRow toRow(Map<String, String> group, boolean withCharges) {
            return new UsageReportRow(group, GpuSeconds.of(granted), GpuSeconds.of(consumed),
                    GpuSeconds.of(refunded), GpuSeconds.of(balance),
                    withCharges ? NormalisedGpuSeconds.of(normalisedConsumed) : null,
                    withCharges ? NormalisedGpuSeconds.of(normalisedRefunded) : null,
                    withCharges ? Eur.of(eurConsumed) : null, withCharges ? Eur.of(eurRefunded) : null,
                    allocations);
        }
    }
}
