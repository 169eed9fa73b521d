package eu.gpuledger.projections.transfer;

import eu.gpuledger.ledger.transfer.TransferCompleted;
import eu.gpuledger.ledger.transfer.TransferRejected;
import eu.gpuledger.ledger.transfer.TransferRequested;
import eu.gpuledger.ledger.transfer.TransferState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** Transfers as read: the request, its conversion, and its state (all events of one Transfer aggregate). */
@Component
@ProcessingGroup(TransferProjection.PROCESSING_GROUP)
public class TransferProjection {

    public static final String PROCESSING_GROUP = "transfer-view";
    static final String TABLE = "transfer_view";

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
        sql.insertInto(table(TABLE))
                .set(field("transfer_id"), event.transferId().value())
                .set(field("from_allocation_id"), event.fromAllocationId().value())
                .set(field("to_allocation_id"), event.toAllocationId().value())
                .set(field("debit"), event.debit().value())
                .set(field("credit"), event.credit().value())
                .set(field("basis"), event.conversion().basis().name())
                .set(field("source_rate"), event.conversion().sourceRate())
                .set(field("target_rate"), event.conversion().targetRate())
                .set(field("remainder"), event.conversion().remainder())
                .set(field("reason"), event.reason())
                .set(field("state"), TransferState.PENDING.name())
                .set(field("requested_at"), recordedAt.atOffset(ZoneOffset.UTC))
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
        sql.update(table(TABLE)).set(field("state"), state.name()).set(field("rejection_reason"), rejectionReason)
                .set(field("settled_at"), at.atOffset(ZoneOffset.UTC))
                .where(field("transfer_id").eq(transferId)).execute();
    }

    public Optional<TransferView> find(String transferId) {
        return sql.select().from(table(TABLE)).where(field("transfer_id").eq(transferId))
                .fetchOptional(TransferProjection::toView);
    }

    private static TransferView toView(Record row) {
        OffsetDateTime settled = row.get("settled_at", OffsetDateTime.class);
        return new TransferView(row.get("transfer_id", String.class), row.get("from_allocation_id", String.class),
                row.get("to_allocation_id", String.class), row.get("debit", Long.class), row.get("credit", Long.class),
                row.get("basis", String.class), row.get("source_rate", BigDecimal.class).stripTrailingZeros(),
                row.get("target_rate", BigDecimal.class).stripTrailingZeros(),
                row.get("remainder", BigDecimal.class).stripTrailingZeros(), row.get("reason", String.class),
                TransferState.valueOf(row.get("state", String.class)), row.get("rejection_reason", String.class),
                row.get("requested_at", OffsetDateTime.class).toInstant(),
                settled == null ? null : settled.toInstant());
    }

    @ResetHandler
    void reset() {
        sql.truncate(table(TABLE)).execute();
    }
}
