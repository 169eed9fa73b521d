package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.quantity.Eur;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
        ALLOCATION("u.allocation_id"),
        PROJECT("b.project_id"),
        POOL("b.pool_id"),
        PROVIDER("p.provider_id"),
        FUNDING_SOURCE("b.funding_source"),
        ACCESS_MODE("j.access_mode"),
        AUDIENCE("j.audience"),
        SECTOR("j.sector");

        private final String column;

        Dimension(String column) {
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
        String period = granularity == Granularity.DAY ? "u.day" : "date_trunc('month', u.day)::date";
        StringBuilder keys = new StringBuilder();
        StringBuilder groups = new StringBuilder(period);
        for (int i = 0; i < by.size(); i++) {
            keys.append(by.get(i).column).append(" AS k").append(i).append(", ");
            groups.append(", ").append(by.get(i).column);
        }
        String query = """
                SELECT %s AS period, %s
                       sum(u.consumed) AS consumed, sum(u.refunded) AS refunded,
                       sum(u.normalised_consumed) AS normalised_consumed,
                       sum(u.normalised_refunded) AS normalised_refunded,
                       sum(u.eur_consumed) AS eur_consumed, sum(u.eur_refunded) AS eur_refunded,
                       sum(u.jobs) AS jobs
                  FROM usage_daily u
                  LEFT JOIN allocation_balance b ON b.allocation_id = u.allocation_id
                  LEFT JOIN view_pool p ON p.pool_id = b.pool_id
                  LEFT JOIN view_project j ON j.project_id = b.project_id
                 WHERE u.day >= ? AND u.day < ?
                 GROUP BY %s
                 ORDER BY %s
                """.formatted(period, keys, groups, groups);
        List<Row> rows = new ArrayList<>();
        for (Record record : sql.fetch(query, from, to)) {
            Map<Dimension, String> values = new EnumMap<>(Dimension.class);
            for (int i = 0; i < by.size(); i++) {
                values.put(by.get(i), record.get("k" + i, String.class));
            }
            rows.add(new Row(record.get("period", LocalDate.class), values,
                    GpuSeconds.of(record.get("consumed", BigDecimal.class).longValueExact()),
                    GpuSeconds.of(record.get("refunded", BigDecimal.class).longValueExact()),
                    NormalisedGpuSeconds.of(record.get("normalised_consumed", BigDecimal.class)),
                    NormalisedGpuSeconds.of(record.get("normalised_refunded", BigDecimal.class)),
                    Eur.of(record.get("eur_consumed", BigDecimal.class)),
                    Eur.of(record.get("eur_refunded", BigDecimal.class)),
                    record.get("jobs", BigDecimal.class).longValueExact()));
        }
        return rows;
    }
}
