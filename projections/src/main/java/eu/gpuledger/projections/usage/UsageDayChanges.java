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
        BigDecimal normalisedConsumed = BigDecimal.ZERO;
        BigDecimal normalisedRefunded = BigDecimal.ZERO;
        BigDecimal eurConsumed = BigDecimal.ZERO;
        BigDecimal eurRefunded = BigDecimal.ZERO;
        long jobs;

        void consumed(GpuSeconds amount, NormalisationFactor factor, PricePerGpuHour price) {
            consumed = Math.addExact(consumed, amount.value());
            normalisedConsumed = normalisedConsumed.add(normalised(amount, factor));
            eurConsumed = eurConsumed.add(eur(amount, price));
            jobs++;
        }

        void refunded(GpuSeconds amount, NormalisationFactor factor, PricePerGpuHour price) {
            refunded = Math.addExact(refunded, amount.value());
            normalisedRefunded = normalisedRefunded.add(normalised(amount, factor));
            eurRefunded = eurRefunded.add(eur(amount, price));
        }

        private static BigDecimal normalised(GpuSeconds amount, NormalisationFactor factor) {
            return factor == null ? BigDecimal.ZERO : factor.normalise(amount).value();
        }

        private static BigDecimal eur(GpuSeconds amount, PricePerGpuHour price) {
            return price == null ? BigDecimal.ZERO : price.valueOf(amount).amount();
        }
    }

    private static final int ROWS_PER_STATEMENT = 20_000;
    private static final List<String> COLUMNS = List.of("allocation_id", "day", "consumed", "refunded",
            "normalised_consumed", "normalised_refunded", "eur_consumed", "eur_refunded", "jobs");

    /** The days one allocation's usage fell on, by UTC epoch day. */
    final class AllocationDays {

        private final String allocationId;
        private final Map<Long, DayTotal> days = new HashMap<>();

        private AllocationDays(String allocationId) {
            this.allocationId = allocationId;
        }

        DayTotal on(Instant effectiveAt) {
            return days.computeIfAbsent(Math.floorDiv(effectiveAt.getEpochSecond(), SECONDS_PER_DAY), day -> {
                rows++;
                return new DayTotal();
            });
        }
    }

    private static final long SECONDS_PER_DAY = 86_400L;

    private final Map<String, AllocationDays> allocations = new LinkedHashMap<>();
    private long rows;

    /** One allocation's days: looked up once per event, then per charge by day only. */
    AllocationDays of(AllocationId allocationId) {
        return allocations.computeIfAbsent(allocationId.value(), AllocationDays::new);
    }

    private void forEachDay(DayConsumer consumer) {
        for (AllocationDays allocation : allocations.values()) {
            for (Map.Entry<Long, DayTotal> day : allocation.days.entrySet()) {
                consumer.accept(allocation.allocationId, LocalDate.ofEpochDay(day.getKey()), day.getValue());
            }
        }
    }

    private interface DayConsumer {
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
                        .int8(total.refunded).numeric(total.normalisedConsumed).numeric(total.normalisedRefunded)
                        .numeric(total.eurConsumed).numeric(total.eurRefunded).int8(total.jobs).endRow()));
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
                        normalisedConsumed[i] = total.normalisedConsumed.toPlainString();
                        normalisedRefunded[i] = total.normalisedRefunded.toPlainString();
                        eurConsumed[i] = total.eurConsumed.toPlainString();
                        eurRefunded[i] = total.eurRefunded.toPlainString();
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
