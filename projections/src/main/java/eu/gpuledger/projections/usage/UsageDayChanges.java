package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.TableNames;
import eu.gpuledger.projections.batch.PostgresCopy;
import eu.gpuledger.projections.batch.SqlNames;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A batch's usage, summed per allocation and UTC day, written as upserts that add to the rows. */
final class UsageDayChanges implements PendingWrites {

    /** Sums for one day of one allocation within the batch. */
    static final class DayTotal {
        long consumed;
        long refunded;
        long jobs;
        private final NormalisedSum normalisedConsumed = new NormalisedSum();
        private final EurSum eurConsumed = new EurSum();
        /** Refunds are rare: their sums exist once a day has one. */
        private NormalisedSum normalisedRefunded;
        private EurSum eurRefunded;

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

    private static final int ROWS_PER_STATEMENT = 20_000;
    private static final List<String> COLUMNS = List.of("allocation_id", "day", "consumed", "refunded",
            "normalised_consumed", "normalised_refunded", "eur_consumed", "eur_refunded", "jobs");

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
                return total != null ? total : (days[(int) offset] = newDay());
            }
            return outsideSpan(day);
        }

        private DayTotal outsideSpan(long day) {
            if (days == null) {
                firstDay = day - FIRST_SPAN / 2;
                days = new DayTotal[FIRST_SPAN];
                return days[(int) (day - firstDay)] = newDay();
            }
            long from = Math.min(firstDay, day);
            long to = Math.max(firstDay + days.length, day + 1);
            if (to - from > WIDEST_SPAN) {
                if (farDays == null) {
                    farDays = new HashMap<>();
                }
                return farDays.computeIfAbsent(day, ignored -> newDay());
            }
            long span = Math.min(WIDEST_SPAN, Math.max(to - from, 2L * days.length));
            long newFirst = day < firstDay ? to - span : from; // the slack on the side that grew
            DayTotal[] wider = new DayTotal[(int) span];
            System.arraycopy(days, 0, wider, (int) (firstDay - newFirst), days.length);
            firstDay = newFirst;
            days = wider;
            return days[(int) (day - firstDay)] = newDay();
        }

        private DayTotal newDay() {
            rows++;
            return new DayTotal();
        }

        private void forEach(DayConsumer consumer) {
            if (days != null) {
                for (int offset = 0; offset < days.length; offset++) {
                    if (days[offset] != null) {
                        consumer.accept(allocationId, LocalDate.ofEpochDay(firstDay + offset), days[offset]);
                    }
                }
            }
            if (farDays != null) {
                farDays.forEach((day, total) -> consumer.accept(allocationId, LocalDate.ofEpochDay(day), total));
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

    void forEachDay(DayConsumer consumer) {
        for (AllocationDays allocation : allocations.values()) {
            allocation.forEach(consumer);
        }
    }

    interface DayConsumer {
        void accept(String allocationId, LocalDate day, DayTotal total);
    }

    @Override
    public long pendingRows() {
        return rows;
    }

    /** Into an empty table: one COPY. */
    @Override
    public void writeNew(DSLContext sql, TableNames tables) {
        PostgresCopy.into(sql, tables.of(UsageDailyProjection.TABLE), COLUMNS, copy -> forEachDay(
                (allocationId, day, total) -> copy.text(allocationId).date(day).int8(total.consumed)
                        .int8(total.refunded).numeric(total.normalisedConsumed()).numeric(total.normalisedRefunded())
                        .numeric(total.eurConsumed()).numeric(total.eurRefunded()).int8(total.jobs).endRow()));
    }

    /**
     * One upsert per {@value #ROWS_PER_STATEMENT} rows, the rows passed as one array per column and spread by
     * {@code unnest}: a single statement to parse and plan instead of one per row.
     */
    @Override
    public void writeTo(DSLContext sql, TableNames tables) {
        if (rows == 0) {
            return;
        }
        String table = SqlNames.quoted(tables.of(UsageDailyProjection.TABLE));
        String upsert = "INSERT INTO " + table + " AS existing (allocation_id, day, consumed, refunded,"
                + " normalised_consumed, normalised_refunded, eur_consumed, eur_refunded, jobs)"
                + " SELECT * FROM unnest(?::varchar[], ?::date[], ?::bigint[], ?::bigint[], ?::numeric[],"
                + " ?::numeric[], ?::numeric[], ?::numeric[], ?::bigint[])"
                + " ON CONFLICT (allocation_id, day) DO UPDATE SET"
                + " consumed = existing.consumed + excluded.consumed,"
                + " refunded = existing.refunded + excluded.refunded,"
                + " normalised_consumed = existing.normalised_consumed + excluded.normalised_consumed,"
                + " normalised_refunded = existing.normalised_refunded + excluded.normalised_refunded,"
                + " eur_consumed = existing.eur_consumed + excluded.eur_consumed,"
                + " eur_refunded = existing.eur_refunded + excluded.eur_refunded,"
                + " jobs = existing.jobs + excluded.jobs";
        record Row(String allocationId, LocalDate day, DayTotal total) {
        }
        List<Row> all = new ArrayList<>(Math.toIntExact(rows));
        forEachDay((allocationId, day, total) -> all.add(new Row(allocationId, day, total)));
        sql.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
                    List<Row> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
                    int size = chunk.size();
                    String[] allocationIds = new String[size];
                    String[] dayTexts = new String[size];
                    Long[] consumed = new Long[size];
                    Long[] refunded = new Long[size];
                    String[] normalisedConsumed = new String[size];
                    String[] normalisedRefunded = new String[size];
                    String[] eurConsumed = new String[size];
                    String[] eurRefunded = new String[size];
                    Long[] jobs = new Long[size];
                    for (int i = 0; i < size; i++) {
                        DayTotal total = chunk.get(i).total();
                        allocationIds[i] = chunk.get(i).allocationId();
                        dayTexts[i] = chunk.get(i).day().toString();
                        consumed[i] = total.consumed;
                        refunded[i] = total.refunded;
                        normalisedConsumed[i] = total.normalisedConsumed().toPlainString();
                        normalisedRefunded[i] = total.normalisedRefunded().toPlainString();
                        eurConsumed[i] = total.eurConsumed().toPlainString();
                        eurRefunded[i] = total.eurRefunded().toPlainString();
                        jobs[i] = total.jobs;
                    }
                    statement.setArray(1, connection.createArrayOf("varchar", allocationIds));
                    statement.setArray(2, connection.createArrayOf("varchar", dayTexts));
                    statement.setArray(3, connection.createArrayOf("int8", consumed));
                    statement.setArray(4, connection.createArrayOf("int8", refunded));
                    statement.setArray(5, connection.createArrayOf("varchar", normalisedConsumed));
                    statement.setArray(6, connection.createArrayOf("varchar", normalisedRefunded));
                    statement.setArray(7, connection.createArrayOf("varchar", eurConsumed));
                    statement.setArray(8, connection.createArrayOf("varchar", eurRefunded));
                    statement.setArray(9, connection.createArrayOf("int8", jobs));
                    statement.executeUpdate();
                }
            }
        });
    }
}
