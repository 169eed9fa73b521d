package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.TableNames;
import eu.gpuledger.projections.batch.TableRow;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;

/** A batch's usage, summed per allocation and UTC day, written as upserts that add to the rows. */
final class UsageDayChanges implements PendingWrites {

    /** Sums for one day of one allocation within the batch. */
    static final class DayTotal {
        final String allocationId;
        final long epochDay;
        long consumed;
        long refunded;
        long jobs;
        private final NormalisedSum normalisedConsumed = new NormalisedSum();
        private final EurSum eurConsumed = new EurSum();
        /** Refunds are rare: their sums exist once a day has one. */
        private NormalisedSum normalisedRefunded;
        private EurSum eurRefunded;

        private DayTotal(String allocationId, long epochDay) {
            this.allocationId = allocationId;
            this.epochDay = epochDay;
        }

        void consumed(GpuSeconds amount, NormalisationFactor factor, PricePerGpuHour price) {
            consumed = Math.addExact(consumed, amount.value());
            normalisedConsumed.add(amount, factor);
            eurConsumed.add(amount, price);
            jobs++;
        }

        void refunded(GpuSeconds amount, NormalisationFactor factor, PricePerGpuHour price) {
            refunded = Math.addExact(refunded, amount.value());
            if (normalisedRefunded == null) {
                normalisedRefunded = new NormalisedSum();
                eurRefunded = new EurSum();
            }
            normalisedRefunded.add(amount, factor);
            eurRefunded.add(amount, price);
        }

        BigDecimal normalisedConsumed() {
            return normalisedConsumed.value();
        }

        BigDecimal normalisedRefunded() {
            return normalisedRefunded == null ? BigDecimal.ZERO : normalisedRefunded.value();
        }

        BigDecimal eurConsumed() {
            return eurConsumed.value();
        }

        BigDecimal eurRefunded() {
            return eurRefunded == null ? BigDecimal.ZERO : eurRefunded.value();
        }
    }

    /** The daily usage's row: every sum adds the batch's to the day's. */
    static final TableRow<DayTotal> ROW = TableRow.of(USAGE_DAILY, DayTotal.class)
            .column(USAGE_DAILY.ALLOCATION_ID, total -> total.allocationId)
            .column(USAGE_DAILY.DAY, total -> LocalDate.ofEpochDay(total.epochDay))
            .sum(USAGE_DAILY.CONSUMED, total -> total.consumed)
            .sum(USAGE_DAILY.REFUNDED, total -> total.refunded)
            .sum(USAGE_DAILY.NORMALISED_CONSUMED, DayTotal::normalisedConsumed)
            .sum(USAGE_DAILY.NORMALISED_REFUNDED, DayTotal::normalisedRefunded)
            .sum(USAGE_DAILY.EUR_CONSUMED, DayTotal::eurConsumed)
            .sum(USAGE_DAILY.EUR_REFUNDED, DayTotal::eurRefunded)
            .sum(USAGE_DAILY.JOBS, total -> total.jobs)
            .build();

    /**
     * The days one allocation's usage fell on, by UTC epoch day: an array over the span of days seen (an allocation's
     * usage falls within its period, a few hundred days), so that a charge finds its day without hashing or boxing;
     * a day too far from the others to widen the array for goes into a map.
     */
    final class AllocationDays {

        private static final int FIRST_SPAN = 64;
        private static final int WIDEST_SPAN = 1 << 14;

        private final String allocationId;
        private long firstDay;
        private DayTotal[] days;
        private Map<Long, DayTotal> farDays;

        private AllocationDays(String allocationId) {
            this.allocationId = allocationId;
        }

        DayTotal on(Instant effectiveAt) {
            long day = Math.floorDiv(effectiveAt.getEpochSecond(), SECONDS_PER_DAY);
            long offset = day - firstDay;
            if (days != null && offset >= 0 && offset < days.length) {
                DayTotal total = days[(int) offset];
                return total != null ? total : (days[(int) offset] = newDay(day));
            }
            return outsideSpan(day);
        }

        private DayTotal outsideSpan(long day) {
            if (days == null) {
                firstDay = day - FIRST_SPAN / 2;
                days = new DayTotal[FIRST_SPAN];
                return days[(int) (day - firstDay)] = newDay(day);
            }
            long from = Math.min(firstDay, day);
            long to = Math.max(firstDay + days.length, day + 1);
            if (to - from > WIDEST_SPAN) {
                if (farDays == null) {
                    farDays = new HashMap<>();
                }
                return farDays.computeIfAbsent(day, this::newDay);
            }
            long span = Math.min(WIDEST_SPAN, Math.max(to - from, 2L * days.length));
            long newFirst = day < firstDay ? to - span : from; // the slack on the side that grew
            DayTotal[] wider = new DayTotal[(int) span];
            System.arraycopy(days, 0, wider, (int) (firstDay - newFirst), days.length);
            firstDay = newFirst;
            days = wider;
            return days[(int) (day - firstDay)] = newDay(day);
        }

        private DayTotal newDay(long day) {
            rows++;
            return new DayTotal(allocationId, day);
        }

        private void addTo(List<DayTotal> all) {
            if (days != null) {
                for (DayTotal total : days) {
                    if (total != null) {
                        all.add(total);
                    }
                }
            }
            if (farDays != null) {
                all.addAll(farDays.values());
            }
        }
    }

    private static final long SECONDS_PER_DAY = 86_400L;

    private final Map<String, AllocationDays> allocations = new LinkedHashMap<>();
    private long rows;

    /** One allocation's days: looked up once per event, then per charge by day only. */
    AllocationDays of(AllocationId allocationId) {
        return allocations.computeIfAbsent(allocationId.value(), AllocationDays::new);
    }

    /** Every day's total, allocation by allocation. */
    List<DayTotal> days() {
        List<DayTotal> all = new ArrayList<>(Math.toIntExact(rows));
        for (AllocationDays allocation : allocations.values()) {
            allocation.addTo(all);
        }
        return all;
    }

    @Override
    public long pendingRows() {
        return rows;
    }

    /** Into an empty table: one COPY. */
    @Override
    public void writeNew(DSLContext sql, TableNames tables) {
        ROW.copy(sql, tables.of(USAGE_DAILY), days());
    }

    /** Upserts that add to the days already there. */
    @Override
    public void writeTo(DSLContext sql, TableNames tables) {
        if (rows > 0) {
            ROW.insert(sql, tables.of(USAGE_DAILY), days());
        }
    }
}
