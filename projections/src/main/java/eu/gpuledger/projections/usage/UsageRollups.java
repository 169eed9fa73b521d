package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.quantity.Eur;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROJECT;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.trunc;

/**
 * Usage per day or per month, by any of allocation, project, pool, provider, funding source, access mode, audience
 * and sector. The monthly roll-up is a query over the daily rows, and every dimension is joined at query time: a
 * project's audience or a pool's provider come from other aggregates, whose events reach the read models through
 * other segments in no guaranteed order (docs/projection-batching.md).
 */
@Component
public class UsageRollups {

    public enum Granularity { DAY, MONTH }

    public enum Dimension {
        ALLOCATION(USAGE_DAILY.ALLOCATION_ID),
        PROJECT(ALLOCATION_BALANCE.PROJECT_ID),
        POOL(ALLOCATION_BALANCE.POOL_ID),
        PROVIDER(VIEW_POOL.PROVIDER_ID),
        FUNDING_SOURCE(ALLOCATION_BALANCE.FUNDING_SOURCE),
        ACCESS_MODE(VIEW_PROJECT.ACCESS_MODE),
        AUDIENCE(VIEW_PROJECT.AUDIENCE),
        SECTOR(VIEW_PROJECT.SECTOR);

        private final Field<String> column;

        Dimension(Field<String> column) {
            this.column = column;
        }
    }

    /**
     * One day or month of usage for one combination of dimension values (null where a dimension is not known yet).
     * EUR is the charges' recorded prices; it is zero for pools that have none.
     */
    public record Row(LocalDate period, Map<Dimension, String> keys, GpuSeconds consumed, GpuSeconds refunded,
                      NormalisedGpuSeconds normalisedConsumed, NormalisedGpuSeconds normalisedRefunded,
                      Eur eurConsumed, Eur eurRefunded, long jobs) {

        public GpuSeconds netConsumed() {
            return consumed.minus(refunded);
        }

        public NormalisedGpuSeconds netNormalisedConsumed() {
            return normalisedConsumed.minus(normalisedRefunded);
        }

        public Eur netEur() {
            return eurConsumed.minus(eurRefunded);
        }
    }

    private final DSLContext sql;

    public UsageRollups(DSLContext sql) {
        this.sql = sql;
    }

    /** Usage of the UTC days in [from, to), one row per period and combination of the given dimensions. */
    public List<Row> rollup(LocalDate from, LocalDate to, Granularity granularity, List<Dimension> by) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from (periods are half-open [from, to))");
        }
        Field<LocalDate> period = granularity == Granularity.DAY ? USAGE_DAILY.DAY
                : trunc(USAGE_DAILY.DAY, DatePart.MONTH).cast(SQLDataType.LOCALDATE);
        List<Field<?>> groups = new ArrayList<>(List.of(period));
        by.forEach(dimension -> groups.add(dimension.column));
        Field<BigDecimal> consumed = sum(USAGE_DAILY.CONSUMED);
        Field<BigDecimal> refunded = sum(USAGE_DAILY.REFUNDED);
        Field<BigDecimal> normalisedConsumed = sum(USAGE_DAILY.NORMALISED_CONSUMED);
        Field<BigDecimal> normalisedRefunded = sum(USAGE_DAILY.NORMALISED_REFUNDED);
        Field<BigDecimal> eurConsumed = sum(USAGE_DAILY.EUR_CONSUMED);
        Field<BigDecimal> eurRefunded = sum(USAGE_DAILY.EUR_REFUNDED);
        Field<BigDecimal> jobs = sum(USAGE_DAILY.JOBS);
        List<Field<?>> select = new ArrayList<>(groups);
        select.addAll(List.of(consumed, refunded, normalisedConsumed, normalisedRefunded, eurConsumed, eurRefunded,
                jobs));
        List<Row> rows = new ArrayList<>();
        for (Record record : sql.select(select).from(USAGE_DAILY)
                .leftJoin(ALLOCATION_BALANCE).on(ALLOCATION_BALANCE.ALLOCATION_ID.eq(USAGE_DAILY.ALLOCATION_ID))
                .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                .leftJoin(VIEW_PROJECT).on(VIEW_PROJECT.PROJECT_ID.eq(ALLOCATION_BALANCE.PROJECT_ID))
                .where(USAGE_DAILY.DAY.ge(from).and(USAGE_DAILY.DAY.lt(to)))
                .groupBy(groups).orderBy(groups).fetch()) {
            Map<Dimension, String> values = new EnumMap<>(Dimension.class);
            for (Dimension dimension : by) {
                values.put(dimension, record.get(dimension.column));
            }
            rows.add(new Row(record.get(period), values,
                    GpuSeconds.of(record.get(consumed).longValueExact()),
                    GpuSeconds.of(record.get(refunded).longValueExact()),
                    NormalisedGpuSeconds.of(record.get(normalisedConsumed)),
                    NormalisedGpuSeconds.of(record.get(normalisedRefunded)),
                    Eur.of(record.get(eurConsumed)), Eur.of(record.get(eurRefunded)),
                    record.get(jobs).longValueExact()));
        }
        return rows;
    }
}
