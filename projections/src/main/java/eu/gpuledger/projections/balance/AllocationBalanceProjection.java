package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationClawedBack;
import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationResumed;
import eu.gpuledger.ledger.allocation.AllocationStandingChanged;
import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.allocation.AllocationSuspended;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.ledger.allocation.TransferCredited;
import eu.gpuledger.ledger.allocation.TransferDebitReversed;
import eu.gpuledger.ledger.allocation.TransferDebited;
import eu.gpuledger.projections.batch.BatchOfEvents;
import eu.gpuledger.projections.rebuild.RebuildableProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.springframework.stereotype.Component;

import java.util.List;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;

/**
 * The balance view of every allocation: one row, one bucket per kind of movement, in exact GPU-seconds. Each batch
 * of events becomes one multi-row insert of new allocations and one batched update of the others
 * ({@link BalanceChanges}).
 */
@Component
@ProcessingGroup(AllocationBalanceProjection.PROCESSING_GROUP)
public class AllocationBalanceProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "balances";

    private final DSLContext sql;

    public AllocationBalanceProjection(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<Table<?>> tables() {
        return List.of(ALLOCATION_BALANCE);
    }

    private BalanceChanges changes() {
        return BatchOfEvents.pendingWrites(PROCESSING_GROUP, sql, BalanceChanges::new);
    }

    @EventHandler
    void on(AllocationGranted event) {
        changes().granted(event);
    }

    @EventHandler
    void on(AllocationSupplemented event) {
        changes().of(event.allocationId()).supplemented += event.gpuSeconds().value();
    }

    @EventHandler
    void on(ConsumptionRecorded event) {
        changes().of(event.allocationId()).consumed += event.total().value();
    }

    @EventHandler
    void on(ConsumptionRefunded event) {
        changes().of(event.allocationId()).refunded += event.gpuSeconds().value();
    }

    @EventHandler
    void on(AllocationClawedBack event) {
        changes().of(event.allocationId()).clawedBack += event.gpuSeconds().value();
    }

    @EventHandler
    void on(TransferDebited event) {
        changes().of(event.allocationId()).transferredOut += event.gpuSeconds().value();
    }

    @EventHandler
    void on(TransferDebitReversed event) {
        changes().of(event.allocationId()).transferredOut -= event.gpuSeconds().value();
    }

    @EventHandler
    void on(TransferCredited event) {
        changes().of(event.allocationId()).transferredIn += event.gpuSeconds().value();
    }

    @EventHandler
    void on(AllocationExpired event) {
        BalanceChanges.Delta delta = changes().of(event.allocationId());
        delta.expired += event.lapsed().value();
        delta.hasExpired = true;
    }

    @EventHandler
    void on(AllocationStandingChanged event) {
        changes().of(event.allocationId()).standing = event.to().name();
    }

    @EventHandler
    void on(AllocationSuspended event) {
        changes().of(event.allocationId()).suspended = Boolean.TRUE;
    }

    @EventHandler
    void on(AllocationResumed event) {
        changes().of(event.allocationId()).suspended = Boolean.FALSE;
    }

    @ResetHandler
    void reset() {
        sql.truncate(ALLOCATION_BALANCE).execute();
    }
}
