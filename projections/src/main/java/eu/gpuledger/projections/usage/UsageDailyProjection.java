package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.projections.batch.BatchOfEvents;
import eu.gpuledger.projections.rebuild.RebuildableProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.springframework.stereotype.Component;

import java.util.List;

import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;

/**
 * Net usage per allocation and UTC day of effective time. Dimensions (project, pool, provider, audience, ...) are
 * joined at query time ({@link UsageRollups}), so that this projection never depends on the order in which other
 * aggregates' events arrive. Normalised hours and money use the factor and price each charge (or refund) carries.
 * A batch of events becomes one batched upsert, one row per (allocation, day) it touched.
 */
@Component
@ProcessingGroup(UsageDailyProjection.PROCESSING_GROUP)
public class UsageDailyProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "usage";

    private final DSLContext sql;

    public UsageDailyProjection(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<Table<?>> tables() {
        return List.of(USAGE_DAILY);
    }

    @EventHandler
    void on(ConsumptionRecorded event) {
        UsageDayChanges.AllocationDays days = changes().of(event.allocationId());
        for (Charge charge : event.charges()) {
            days.on(charge.effectiveAt()).consumed(charge.gpuSeconds(), charge.factor(), charge.price());
        }
    }

    @EventHandler
    void on(ConsumptionRefunded event) {
        changes().of(event.allocationId()).on(event.effectiveAt())
                .refunded(event.gpuSeconds(), event.factor(), event.price());
    }

    private UsageDayChanges changes() {
        return BatchOfEvents.pendingWrites(PROCESSING_GROUP, sql, UsageDayChanges::new);
    }

    @ResetHandler
    void reset() {
        sql.truncate(USAGE_DAILY).execute();
    }
}
