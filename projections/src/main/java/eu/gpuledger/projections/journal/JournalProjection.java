package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationClawedBack;
import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationResumed;
import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.allocation.AllocationSuspended;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.ledger.allocation.TransferCredited;
import eu.gpuledger.ledger.allocation.TransferDebitReversed;
import eu.gpuledger.ledger.allocation.TransferDebited;
import eu.gpuledger.projections.batch.BatchOfEvents;
import eu.gpuledger.projections.rebuild.RebuildableProjection;
import eu.gpuledger.ledger.statement.StatementIssued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.EventMessage;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.gpuledger.projections.schema.Tables.JOURNAL_ALLOCATION;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_SUSPENSION;

/**
 * The double-entry journal: each event that moves hours posts an entry debiting one account and crediting another
 * (the allocation's and a counter-account, both fixed by the entry's {@link Movement}) by the same amount, carrying
 * the event's global index, the allocation's number (its grant's global index), its effective time and its recorded
 * time (the event's timestamp). The global index is the rebuild reader's, or read from the event store at the end of
 * a live batch: the tracking token a handler sees is the segment's position after the event, which for an event that
 * filled a gap (a late commit) is higher than the event's own index. Effective time: a grant counts from its
 * period's start, a charge (and its refund) at the job's end, an expiry at the period's end, everything else when it
 * was recorded. Suspensions and resumptions, which move no hours, are kept beside the entries with their time, for the
 * state of a past view. See docs/journal.md and docs/time-travel.md.
 */
@Component
@ProcessingGroup(JournalProjection.PROCESSING_GROUP)
public class JournalProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "journal";

    /** Charges in one event up to which equal effective times are found by a scan rather than a map. */
    private static final int SCANNED_CHARGES = 16;

    private final DSLContext sql;
    private final AllocationNumbers allocationNumbers = new AllocationNumbers();

    public JournalProjection(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<Table<?>> tables() {
        return List.of(JOURNAL_ENTRY, JOURNAL_ALLOCATION, JOURNAL_SUSPENSION);
    }

    private JournalChanges changes() {
        return BatchOfEvents.pendingWrites(PROCESSING_GROUP, sql, () -> new JournalChanges(allocationNumbers));
    }

    @EventHandler
    void on(AllocationGranted event, EventMessage<?> message) {
        changes().granted(event, message.getIdentifier(), BatchOfEvents.knownGlobalIndex(message.getIdentifier()));
        post(message, event.allocationId().value(), Movement.GRANTED,
                event.granted().value(), event.periodStart(), message.getTimestamp());
    }

    @EventHandler
    void on(AllocationSupplemented event, EventMessage<?> message) {
        post(message, event.allocationId().value(), Movement.SUPPLEMENTED,
                event.gpuSeconds().value(), message.getTimestamp(), message.getTimestamp());
    }

    /**
     * One entry per effective time (a job's end) in the batch of charges, in the order the times first appear. A
     * batch holds a few charges, so equal times are found by a scan; a large import batch goes through a map.
     */
    @EventHandler
    void on(ConsumptionRecorded event, EventMessage<?> message) {
        List<Charge> charges = event.charges();
        int distinct = 0;
        Instant[] times;
        long[] sums;
        if (charges.size() <= SCANNED_CHARGES) {
            times = new Instant[charges.size()];
            sums = new long[charges.size()];
            for (Charge charge : charges) {
                int at = 0;
                while (at < distinct && !times[at].equals(charge.effectiveAt())) {
                    at++;
                }
                if (at == distinct) {
                    times[distinct++] = charge.effectiveAt();
                }
                sums[at] = Math.addExact(sums[at], charge.gpuSeconds().value());
            }
        } else {
            Map<Instant, Long> byEffectiveTime = new LinkedHashMap<>();
            for (Charge charge : charges) {
                byEffectiveTime.merge(charge.effectiveAt(), charge.gpuSeconds().value(), Math::addExact);
            }
            times = byEffectiveTime.keySet().toArray(Instant[]::new);
            sums = byEffectiveTime.values().stream().mapToLong(Long::longValue).toArray();
            distinct = times.length;
        }
        JournalChanges changes = changes();
        String eventIdentifier = message.getIdentifier();
        Long globalIndex = BatchOfEvents.knownGlobalIndex(eventIdentifier);
        for (int entry = 0; entry < distinct; entry++) {
            changes.post(eventIdentifier, globalIndex, event.allocationId().value(), Movement.CONSUMED,
                    sums[entry], times[entry], message.getTimestamp());
        }
    }

    @EventHandler
    void on(ConsumptionRefunded event, EventMessage<?> message) {
        post(message, event.allocationId().value(), Movement.REFUNDED,
                event.gpuSeconds().value(), event.effectiveAt(), message.getTimestamp());
    }

    @EventHandler
    void on(AllocationClawedBack event, EventMessage<?> message) {
        post(message, event.allocationId().value(), Movement.CLAWED_BACK,
                event.gpuSeconds().value(), message.getTimestamp(), message.getTimestamp());
    }

    @EventHandler
    void on(AllocationExpired event, EventMessage<?> message) {
        post(message, event.allocationId().value(), Movement.EXPIRED,
                event.lapsed().value(), event.periodEnd(), message.getTimestamp());
    }

    @EventHandler
    void on(TransferDebited event, EventMessage<?> message) {
        post(message, event.allocationId().value(), Movement.TRANSFERRED_OUT,
                event.gpuSeconds().value(), message.getTimestamp(), message.getTimestamp());
    }

    @EventHandler
    void on(TransferCredited event, EventMessage<?> message) {
        post(message, event.allocationId().value(), Movement.TRANSFERRED_IN,
                event.gpuSeconds().value(), message.getTimestamp(), message.getTimestamp());
    }

    @EventHandler
    void on(TransferDebitReversed event, EventMessage<?> message) {
        post(message, event.allocationId().value(), Movement.TRANSFER_REVERSED,
                event.gpuSeconds().value(), message.getTimestamp(), message.getTimestamp());
    }

    /** Not a movement of hours: a row of its own, for the state of a past balance view (docs/time-travel.md). */
    /**
     * A statement's cut-off (docs/statements.md): nothing to write. Handling it moves this processor's token past the
     * issue, so that the issuer's wait for the read models (read your writes) covers the journal, from which the
     * statement is then drawn up as known at its issue time.
     */
    @EventHandler
    void on(StatementIssued event) {
        // the wait is the point: the journal has then processed every event committed before this one
    }

    @EventHandler
    void on(AllocationSuspended event, EventMessage<?> message) {
        suspension(message, event.allocationId().value(), true);
    }

    @EventHandler
    void on(AllocationResumed event, EventMessage<?> message) {
        suspension(message, event.allocationId().value(), false);
    }

    private void suspension(EventMessage<?> message, String allocationId, boolean suspended) {
        String eventIdentifier = message.getIdentifier();
        changes().suspension(eventIdentifier, BatchOfEvents.knownGlobalIndex(eventIdentifier), allocationId,
                suspended, message.getTimestamp());
    }

    private void post(EventMessage<?> message, String allocationId, Movement movement,
                          long gpuSeconds, Instant effectiveAt, Instant recordedAt) {
        String eventIdentifier = message.getIdentifier();
        changes().post(eventIdentifier, BatchOfEvents.knownGlobalIndex(eventIdentifier), allocationId, movement,
                gpuSeconds, effectiveAt, recordedAt);
    }

    @ResetHandler
    void reset() {
        for (Table<?> table : tables()) {
            sql.truncate(table).execute();
        }
    }
}
