package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.Buckets;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;

/**
 * Balance-view totals per project, pool or provider: a query over the per-allocation rows, so that a total can never
 * disagree with the allocations it sums (a second projection would be a second thing to keep in step).
 */
@Component
public class BalanceTotals {

    /** What to total by; the provider is joined from the catalogue view at query time. */
    public enum TotalBy {
        PROJECT(ALLOCATION_BALANCE.PROJECT_ID),
        POOL(ALLOCATION_BALANCE.POOL_ID),
        PROVIDER(coalesce(VIEW_POOL.PROVIDER_ID, inline("?")));

        private final Field<String> key;

        TotalBy(Field<String> key) {
            this.key = key;
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
        Field<String> key = totalBy.key.as("key");
        Field<Integer> allocations = count().as("allocations");
        List<Field<BigDecimal>> sums = BucketColumns.all().stream()
                .map(bucket -> sum(bucket).as(bucket.getUnqualifiedName())).toList();
        List<Field<?>> select = new ArrayList<>(List.of(key, allocations));
        select.addAll(sums);
        return sql.select(select).from(ALLOCATION_BALANCE)
                .leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                .groupBy(totalBy.key).orderBy(totalBy.key)
                .fetch(row -> new Totals(row.get(key), row.get(allocations), seconds(row, sums.get(0)),
                        seconds(row, sums.get(1)), seconds(row, sums.get(2)), seconds(row, sums.get(3)),
                        seconds(row, sums.get(4)), seconds(row, sums.get(5)), seconds(row, sums.get(6)),
                        seconds(row, sums.get(7))));
    }

    private static GpuSeconds seconds(Record row, Field<BigDecimal> sum) {
        return GpuSeconds.of(row.get(sum).longValueExact());
    }
}
