package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.ledger.quantity.Eur;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/**
 * Net usage per allocation and UTC day of effective time. Dimensions (project, pool, provider, audience, ...) are
 * joined at query time, so that this projection never depends on the order in which other aggregates' events
 * arrive. Normalised hours and money use the factor and price each charge (or refund) carries.
 */
@Component
@ProcessingGroup(UsageDailyProjection.PROCESSING_GROUP)
public class UsageDailyProjection {

    public static final String PROCESSING_GROUP = "usage";
    static final String TABLE = "usage_daily";

    private final DSLContext sql;

    public UsageDailyProjection(DSLContext sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(ConsumptionRecorded event) {
        Map<LocalDate, DayTotal> byDay = new TreeMap<>();
        for (Charge charge : event.charges()) {
            byDay.computeIfAbsent(day(charge.effectiveAt()), d -> new DayTotal())
                    .add(charge.gpuSeconds(), charge.factor(), charge.price());
        }
        List<Query> upserts = new ArrayList<>(byDay.size());
        byDay.forEach((day, total) -> upserts.add(upsert(event.allocationId().value(), day,
                "consumed", "normalised_consumed", "eur_consumed", total)));
        sql.batch(upserts).execute();
    }

    @EventHandler
    void on(ConsumptionRefunded event) {
        DayTotal total = new DayTotal();
        total.add(event.gpuSeconds(), event.factor(), event.price());
        total.jobs = 0;
        upsert(event.allocationId().value(), day(event.effectiveAt()),
                "refunded", "normalised_refunded", "eur_refunded", total).execute();
    }

    private Query upsert(String allocationId, LocalDate day, String gpuColumn, String normalisedColumn,
                         String eurColumn, DayTotal total) {
        Field<Long> gpu = field(gpuColumn, Long.class);
        Field<BigDecimal> normalised = field(normalisedColumn, BigDecimal.class);
        Field<BigDecimal> eur = field(eurColumn, BigDecimal.class);
        Field<Long> jobs = field("jobs", Long.class);
        return sql.insertInto(table(TABLE))
                .set(field("allocation_id"), allocationId)
                .set(field("day"), day)
                .set(gpu, total.gpuSeconds)
                .set(normalised, total.normalised)
                .set(eur, total.eur)
                .set(jobs, total.jobs)
                .onConflict(field("allocation_id"), field("day"))
                .doUpdate()
                .set(gpu, existing(gpuColumn, Long.class).plus(total.gpuSeconds))
                .set(normalised, existing(normalisedColumn, BigDecimal.class).plus(total.normalised))
                .set(eur, existing(eurColumn, BigDecimal.class).plus(total.eur))
                .set(jobs, existing("jobs", Long.class).plus(total.jobs));
    }

    /** The row's current value in an upsert's update: qualified, as the bare name would be ambiguous. */
    private static <T> Field<T> existing(String column, Class<T> type) {
        return field(org.jooq.impl.DSL.name(TABLE, column), type);
    }

    private static LocalDate day(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    @ResetHandler
    void reset() {
        sql.truncate(table(TABLE)).execute();
    }

    /** Sums for one day of one allocation. */
    private static final class DayTotal {
        long gpuSeconds;
        BigDecimal normalised = BigDecimal.ZERO;
        BigDecimal eur = BigDecimal.ZERO;
        long jobs;

        void add(GpuSeconds amount, NormalisationFactor factor, PricePerGpuHour price) {
            gpuSeconds = Math.addExact(gpuSeconds, amount.value());
            if (factor != null) {
                normalised = normalised.add(factor.normalise(amount).value());
            }
            if (price != null) {
                Eur value = price.valueOf(amount);
                eur = eur.add(value.amount());
            }
            jobs++;
        }
    }
}
