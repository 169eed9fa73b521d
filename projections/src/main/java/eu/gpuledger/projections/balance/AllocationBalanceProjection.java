package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationClawedBack;
import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationResumed;
import eu.gpuledger.ledger.allocation.AllocationStandingChanged;
import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.allocation.AllocationSuspended;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.ledger.allocation.TransferCredited;
import eu.gpuledger.ledger.allocation.TransferDebitReversed;
import eu.gpuledger.ledger.allocation.TransferDebited;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** The balance view of every allocation: one row, one bucket per kind of movement, in exact GPU-seconds. */
@Component
@ProcessingGroup(AllocationBalanceProjection.PROCESSING_GROUP)
public class AllocationBalanceProjection {

    public static final String PROCESSING_GROUP = "balances";
    static final String TABLE = "allocation_balance";

    private final DSLContext sql;

    public AllocationBalanceProjection(DSLContext sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(AllocationGranted event) {
        sql.insertInto(table(TABLE))
                .set(field("allocation_id"), event.allocationId().value())
                .set(field("project_id"), event.projectId().value())
                .set(field("pool_id"), event.poolId().value())
                .set(field("funding_source"), event.fundingSource().name())
                .set(field("scheduler_account"), event.schedulerAccount() == null ? null : event.schedulerAccount().value())
                .set(field("period_start"), event.periodStart().atOffset(ZoneOffset.UTC))
                .set(field("period_end"), event.periodEnd().atOffset(ZoneOffset.UTC))
                .set(field("over_consumption_percent"), event.overConsumptionPercent())
                .set(field("granted"), event.granted().value())
                .onConflictDoNothing().execute();
    }

    @EventHandler
    void on(AllocationSupplemented event) {
        add(event.allocationId(), "supplemented", event.gpuSeconds());
    }

    @EventHandler
    void on(ConsumptionRecorded event) {
        add(event.allocationId(), "consumed", event.total());
    }

    @EventHandler
    void on(ConsumptionRefunded event) {
        add(event.allocationId(), "refunded", event.gpuSeconds());
    }

    @EventHandler
    void on(AllocationClawedBack event) {
        add(event.allocationId(), "clawed_back", event.gpuSeconds());
    }

    @EventHandler
    void on(TransferDebited event) {
        add(event.allocationId(), "transferred_out", event.gpuSeconds());
    }

    @EventHandler
    void on(TransferDebitReversed event) {
        add(event.allocationId(), "transferred_out", event.gpuSeconds().negate());
    }

    @EventHandler
    void on(TransferCredited event) {
        add(event.allocationId(), "transferred_in", event.gpuSeconds());
    }

    @EventHandler
    void on(AllocationExpired event) {
        sql.update(table(TABLE))
                .set(field("expired", Long.class), field("expired", Long.class).plus(event.lapsed().value()))
                .set(field("has_expired"), true)
                .where(field("allocation_id").eq(event.allocationId().value())).execute();
    }

    @EventHandler
    void on(AllocationStandingChanged event) {
        sql.update(table(TABLE)).set(field("standing"), event.to().name())
                .where(field("allocation_id").eq(event.allocationId().value())).execute();
    }

    @EventHandler
    void on(AllocationSuspended event) {
        sql.update(table(TABLE)).set(field("suspended"), true)
                .where(field("allocation_id").eq(event.allocationId().value())).execute();
    }

    @EventHandler
    void on(AllocationResumed event) {
        sql.update(table(TABLE)).set(field("suspended"), false)
                .where(field("allocation_id").eq(event.allocationId().value())).execute();
    }

    private void add(AllocationId allocationId, String bucket, GpuSeconds amount) {
        Field<Long> column = field(bucket, Long.class);
        sql.update(table(TABLE)).set(column, column.plus(amount.value()))
                .where(field("allocation_id").eq(allocationId.value())).execute();
    }

    @ResetHandler
    void reset() {
        sql.truncate(table(TABLE)).execute();
    }
}
