package eu.gpuledger.projections.transfer;

import eu.gpuledger.ledger.transfer.TransferCompleted;
import eu.gpuledger.ledger.transfer.TransferRejected;
import eu.gpuledger.ledger.transfer.TransferRequested;
import eu.gpuledger.ledger.transfer.TransferState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import eu.gpuledger.projections.schema.tables.records.TransferViewRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import static eu.gpuledger.projections.schema.Tables.TRANSFER_VIEW;

/** Transfers as read: the request, its conversion, and its state (all events of one Transfer aggregate). */
@Component
@ProcessingGroup(TransferProjection.PROCESSING_GROUP)
public class TransferProjection {

    public static final String PROCESSING_GROUP = "transfer-view";

    private final DSLContext sql;

    public TransferProjection(DSLContext sql) {
        this.sql = sql;
    }

    /** A transfer as the API shows it. */
    public record TransferView(String transferId, String fromAllocationId, String toAllocationId, long debit,
                               long credit, String basis, BigDecimal sourceRate, BigDecimal targetRate,
                               BigDecimal remainder, String reason, TransferState state, String rejectionReason,
                               Instant requestedAt, Instant settledAt) {
    }

    @EventHandler
    void on(TransferRequested event, @Timestamp Instant recordedAt) {
        sql.insertInto(TRANSFER_VIEW)
                .set(TRANSFER_VIEW.TRANSFER_ID, event.transferId().value())
                .set(TRANSFER_VIEW.FROM_ALLOCATION_ID, event.fromAllocationId().value())
                .set(TRANSFER_VIEW.TO_ALLOCATION_ID, event.toAllocationId().value())
                .set(TRANSFER_VIEW.DEBIT, event.debit().value())
                .set(TRANSFER_VIEW.CREDIT, event.credit().value())
                .set(TRANSFER_VIEW.BASIS, event.conversion().basis().name())
                .set(TRANSFER_VIEW.SOURCE_RATE, event.conversion().sourceRate())
                .set(TRANSFER_VIEW.TARGET_RATE, event.conversion().targetRate())
                .set(TRANSFER_VIEW.REMAINDER, event.conversion().remainder())
                .set(TRANSFER_VIEW.REASON, event.reason())
                .set(TRANSFER_VIEW.STATE, TransferState.PENDING.name())
                .set(TRANSFER_VIEW.REQUESTED_AT, recordedAt)
                .onConflictDoNothing().execute();
    }

    @EventHandler
    void on(TransferCompleted event, @Timestamp Instant recordedAt) {
        settle(event.transferId().value(), TransferState.COMPLETED, null, recordedAt);
    }

    @EventHandler
    void on(TransferRejected event, @Timestamp Instant recordedAt) {
        settle(event.transferId().value(), TransferState.REJECTED, event.reason(), recordedAt);
    }

    private void settle(String transferId, TransferState state, String rejectionReason, Instant at) {
        sql.update(TRANSFER_VIEW).set(TRANSFER_VIEW.STATE, state.name())
                .set(TRANSFER_VIEW.REJECTION_REASON, rejectionReason).set(TRANSFER_VIEW.SETTLED_AT, at)
                .where(TRANSFER_VIEW.TRANSFER_ID.eq(transferId)).execute();
    }

    public Optional<TransferView> find(String transferId) {
        return sql.selectFrom(TRANSFER_VIEW).where(TRANSFER_VIEW.TRANSFER_ID.eq(transferId))
                .fetchOptional(TransferProjection::toView);
    }

    private static TransferView toView(TransferViewRecord row) {
        return new TransferView(row.getTransferId(), row.getFromAllocationId(), row.getToAllocationId(),
                row.getDebit(), row.getCredit(), row.getBasis(), row.getSourceRate().stripTrailingZeros(),
                row.getTargetRate().stripTrailingZeros(), row.getRemainder().stripTrailingZeros(), row.getReason(),
                TransferState.valueOf(row.getState()), row.getRejectionReason(), row.getRequestedAt(),
                row.getSettledAt());
    }

    @ResetHandler
    void reset() {
        sql.truncate(TRANSFER_VIEW).execute();
    }
}
