package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;

/**
 * One allocation's usage per UTC day of effective time, in day order: what a chart of its consumption over the period
 * is drawn from. An allocation has at most one row a day of its period, so the answer is bounded by the period.
 */
@Component
public class AllocationDays {

    /** The usage of one UTC day: charged and refunded GPU-seconds, whose difference is the day's net consumption. */
    public record Day(LocalDate day, GpuSeconds consumed, GpuSeconds refunded) {

        public GpuSeconds netConsumed() {
            return consumed.minus(refunded);
        }
    }

    private final DSLContext sql;

    public AllocationDays(DSLContext sql) {
        this.sql = sql;
    }

    public List<Day> of(String allocationId) {
        return sql.select(USAGE_DAILY.DAY, USAGE_DAILY.CONSUMED, USAGE_DAILY.REFUNDED).from(USAGE_DAILY)
                .where(USAGE_DAILY.ALLOCATION_ID.eq(allocationId)).orderBy(USAGE_DAILY.DAY)
                .fetch(row -> new Day(row.value1(), GpuSeconds.of(row.value2()), GpuSeconds.of(row.value3())));
    }
}
