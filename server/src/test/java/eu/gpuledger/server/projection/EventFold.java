package eu.gpuledger.server.projection;

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
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An independent replay for the time-travel test: reads every event from the event store and folds one allocation's
 * movements in plain Java, with the effective-time rules of docs/time-travel.md, without the journal or SQL.
 */
final class EventFold {

    /** One movement of hours on the allocation: signed bucket deltas at an effective and a recorded time. */
    private record Movement(Instant effectiveAt, Instant recordedAt, long granted, long supplemented, long consumed,
                            long refunded, long transferredIn, long transferredOut, long clawedBack, long expired) {
    }

    /** The buckets of the balance view. */
    record Buckets(long granted, long supplemented, long consumed, long refunded, long transferredIn,
                   long transferredOut, long clawedBack, long expired) {
        long balance() {
            return granted + supplemented + transferredIn + refunded - consumed - transferredOut - clawedBack - expired;
        }
    }

    /** A suspension or resumption, effective when recorded. */
    private record Suspension(Instant at, boolean suspended) {
    }

    private final List<Movement> movements = new ArrayList<>();
    private final List<Suspension> suspensions = new ArrayList<>();

    static EventFold of(EventStorageEngine storage, String allocationId) {
        EventFold fold = new EventFold();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            events.forEach(event -> fold.add(event.getPayload(), event.getTimestamp(), allocationId));
        }
        return fold;
    }

    private void add(Object payload, Instant recordedAt, String allocationId) {
        switch (payload) {
            case AllocationGranted e when e.allocationId().value().equals(allocationId) ->
                    movements.add(new Movement(e.periodStart(), recordedAt, e.granted().value(), 0, 0, 0, 0, 0, 0, 0));
            case AllocationSupplemented e when e.allocationId().value().equals(allocationId) ->
                    movements.add(new Movement(recordedAt, recordedAt, 0, e.gpuSeconds().value(), 0, 0, 0, 0, 0, 0));
            case ConsumptionRecorded e when e.allocationId().value().equals(allocationId) -> {
                for (Charge charge : e.charges()) {
                    movements.add(new Movement(charge.effectiveAt(), recordedAt, 0, 0, charge.gpuSeconds().value(),
                            0, 0, 0, 0, 0));
                }
            }
            case ConsumptionRefunded e when e.allocationId().value().equals(allocationId) ->
                    movements.add(new Movement(e.effectiveAt(), recordedAt, 0, 0, 0, e.gpuSeconds().value(), 0, 0, 0, 0));
            case TransferCredited e when e.allocationId().value().equals(allocationId) ->
                    movements.add(new Movement(recordedAt, recordedAt, 0, 0, 0, 0, e.gpuSeconds().value(), 0, 0, 0));
            case TransferDebited e when e.allocationId().value().equals(allocationId) ->
                    movements.add(new Movement(recordedAt, recordedAt, 0, 0, 0, 0, 0, e.gpuSeconds().value(), 0, 0));
            case TransferDebitReversed e when e.allocationId().value().equals(allocationId) ->
                    movements.add(new Movement(recordedAt, recordedAt, 0, 0, 0, 0, 0, -e.gpuSeconds().value(), 0, 0));
            case AllocationClawedBack e when e.allocationId().value().equals(allocationId) ->
                    movements.add(new Movement(recordedAt, recordedAt, 0, 0, 0, 0, 0, 0, e.gpuSeconds().value(), 0));
            case AllocationExpired e when e.allocationId().value().equals(allocationId) ->
                    movements.add(new Movement(e.periodEnd(), recordedAt, 0, 0, 0, 0, 0, 0, 0, e.lapsed().value()));
            case AllocationSuspended e when e.allocationId().value().equals(allocationId) ->
                    suspensions.add(new Suspension(recordedAt, true));
            case AllocationResumed e when e.allocationId().value().equals(allocationId) ->
                    suspensions.add(new Suspension(recordedAt, false));
            default -> {
                // another allocation's event, or one that moves no hours
            }
        }
    }

    /** The buckets counting movements effective at or before {@code asOf} and recorded at or before {@code knownAt}. */
    Buckets at(Instant asOf, Instant knownAt) {
        long[] sums = new long[8];
        for (Movement m : movements) {
            if ((asOf == null || !m.effectiveAt().isAfter(asOf)) && (knownAt == null || !m.recordedAt().isAfter(knownAt))) {
                sums[0] += m.granted();
                sums[1] += m.supplemented();
                sums[2] += m.consumed();
                sums[3] += m.refunded();
                sums[4] += m.transferredIn();
                sums[5] += m.transferredOut();
                sums[6] += m.clawedBack();
                sums[7] += m.expired();
            }
        }
        return new Buckets(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]);
    }

    /** Whether the last suspension or resumption by then (in the events' order) was a suspension. */
    boolean suspendedAt(Instant asOf, Instant knownAt) {
        boolean suspended = false;
        for (Suspension change : suspensions) {
            if ((asOf == null || !change.at().isAfter(asOf)) && (knownAt == null || !change.at().isAfter(knownAt))) {
                suspended = change.suspended();
            }
        }
        return suspended;
    }

    boolean isEmpty() {
        return movements.isEmpty();
    }
}
