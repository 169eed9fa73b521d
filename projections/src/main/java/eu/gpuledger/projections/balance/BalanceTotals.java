package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.Buckets;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/**
 * Balance-view totals per project, pool or provider: a query over the per-allocation rows, so that a total can never
 * disagree with the allocations it sums (a second projection would be a second thing to keep in step).
 */
@Component
public class BalanceTotals {

    /** What to total by; the provider is joined from the catalogue view at query time. */
    public enum TotalBy {
        PROJECT("b.project_id"),
        POOL("b.pool_id"),
        PROVIDER("coalesce(p.provider_id, '?')");

        private final String column;

        TotalBy(String column) {
            this.column = column;
        }
    }

    /** The sums of the balance view's buckets over the allocations of one project, pool or provider. */
    public record Totals(String key, long allocations, GpuSeconds granted, GpuSeconds supplemented,
                         GpuSeconds consumed, GpuSeconds refunded, GpuSeconds transferredIn,
                         GpuSeconds transferredOut, GpuSeconds clawedBack, GpuSeconds expired) {

        public Buckets buckets() {
            return new Buckets(granted, supplemented, consumed, refunded, transferredIn, transferredOut, clawedBack,
                    expired);
        }

        public GpuSeconds balance() {
            return buckets().balance();
        }
    }

    private final DSLContext sql;

    public BalanceTotals(DSLContext sql) {
        this.sql = sql;
    }

    public List<Totals> by(TotalBy totalBy) {
        String query = """
                SELECT %1$s AS key, count(*) AS allocations,
                       sum(b.granted) AS granted, sum(b.supplemented) AS supplemented, sum(b.consumed) AS consumed,
                       sum(b.refunded) AS refunded, sum(b.transferred_in) AS transferred_in,
                       sum(b.transferred_out) AS transferred_out, sum(b.clawed_back) AS clawed_back,
                       sum(b.expired) AS expired
                  FROM allocation_balance b
                  LEFT JOIN view_pool p ON p.pool_id = b.pool_id
                 GROUP BY %1$s
                 ORDER BY %1$s
                """.formatted(totalBy.column);
        return sql.fetch(query).map(BalanceTotals::toTotals);
    }

    private static Totals toTotals(Record row) {
        return new Totals(row.get("key", String.class), row.get("allocations", Long.class),
                seconds(row, "granted"), seconds(row, "supplemented"), seconds(row, "consumed"),
                seconds(row, "refunded"), seconds(row, "transferred_in"), seconds(row, "transferred_out"),
                seconds(row, "clawed_back"), seconds(row, "expired"));
    }

    private static GpuSeconds seconds(Record row, String column) {
        return GpuSeconds.of(row.get(column, BigDecimal.class).longValueExact());
    }
}
