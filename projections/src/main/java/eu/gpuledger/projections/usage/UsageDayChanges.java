package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.TableNames;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.table;

/** A batch's usage, summed per allocation and UTC day, written as one batched upsert that adds to the row. */
final class UsageDayChanges implements PendingWrites {

    private record Key(String allocationId, LocalDate day) {
    }

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

    private final Map<Key, DayTotal> days = new LinkedHashMap<>();

    DayTotal of(AllocationId allocationId, Instant effectiveAt) {
        return days.computeIfAbsent(new Key(allocationId.value(), effectiveAt.atOffset(ZoneOffset.UTC).toLocalDate()),
                key -> new DayTotal());
    }

    @Override
    public void writeTo(DSLContext sql, TableNames tables) {
        if (days.isEmpty()) {
            return;
        }
        String tableName = tables.of(UsageDailyProjection.TABLE);
        Field<Long> consumed = field(name("consumed"), Long.class);
        Field<Long> refunded = field(name("refunded"), Long.class);
        Field<BigDecimal> normalisedConsumed = field(name("normalised_consumed"), BigDecimal.class);
        Field<BigDecimal> normalisedRefunded = field(name("normalised_refunded"), BigDecimal.class);
        Field<BigDecimal> eurConsumed = field(name("eur_consumed"), BigDecimal.class);
        Field<BigDecimal> eurRefunded = field(name("eur_refunded"), BigDecimal.class);
        Field<Long> jobs = field(name("jobs"), Long.class);
        var upsert = sql.insertInto(table(name(tableName)))
                .set(field(name("allocation_id"), String.class), param("allocation_id", String.class))
                .set(field(name("day"), LocalDate.class), param("day", LocalDate.class))
                .set(consumed, param("consumed", Long.class))
                .set(refunded, param("refunded", Long.class))
                .set(normalisedConsumed, param("normalised_consumed", BigDecimal.class))
                .set(normalisedRefunded, param("normalised_refunded", BigDecimal.class))
                .set(eurConsumed, param("eur_consumed", BigDecimal.class))
                .set(eurRefunded, param("eur_refunded", BigDecimal.class))
                .set(jobs, param("jobs", Long.class))
                .onConflict(field(name("allocation_id")), field(name("day")))
                .doUpdate()
                .set(consumed, existing(tableName, consumed).plus(excluded(consumed)))
                .set(refunded, existing(tableName, refunded).plus(excluded(refunded)))
                .set(normalisedConsumed, existing(tableName, normalisedConsumed).plus(excluded(normalisedConsumed)))
                .set(normalisedRefunded, existing(tableName, normalisedRefunded).plus(excluded(normalisedRefunded)))
                .set(eurConsumed, existing(tableName, eurConsumed).plus(excluded(eurConsumed)))
                .set(eurRefunded, existing(tableName, eurRefunded).plus(excluded(eurRefunded)))
                .set(jobs, existing(tableName, jobs).plus(excluded(jobs)));
        BatchBindStep batch = sql.batch(upsert);
        for (Map.Entry<Key, DayTotal> entry : days.entrySet()) {
            DayTotal total = entry.getValue();
            batch = batch.bind(entry.getKey().allocationId(), entry.getKey().day(), total.consumed, total.refunded,
                    total.normalisedConsumed, total.normalisedRefunded, total.eurConsumed, total.eurRefunded,
                    total.jobs);
        }
        batch.execute();
    }

    /** The row's current value in an upsert's update: qualified, as the bare name would be ambiguous. */
    private static <T> Field<T> existing(String tableName, Field<T> column) {
        Name qualified = name(tableName, column.getName());
        return field(qualified, column.getType());
    }
}
