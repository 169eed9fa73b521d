package eu.gpuledger.ledger.transfer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.idempotency.ClientIds;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.transfer.TransferCommands.TransferHours;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A transfer of hours between two allocations, and the idempotency record of its id: requested with its conversion
 * fixed, then completed or rejected, once. The hours themselves move on the allocations. It takes no command of its
 * own: {@link TransferHandler} creates it, asks both allocations and settles it in one unit of work.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Transfer {

    @AggregateIdentifier
    private TransferId transferId;
    private TransferRequested request;
    private TransferState state;

    protected Transfer() {
        // for Axon and Jackson
    }

    /** What the client said of a transfer: a replay is the same transfer when it says the same. */
    private record Asked(AllocationId from, AllocationId to, GpuSeconds debit, String reason) {
        static Asked of(TransferHours command) {
            return new Asked(command.from(), command.to(), command.debit(), command.reason());
        }

        static Asked of(TransferRequested request) {
            return new Asked(request.fromAllocationId(), request.toAllocationId(), request.debit(), request.reason());
        }
    }

    static void assertValid(TransferHours command) {
        InvalidInput.requirePresent(command.from(), "fromAllocationId");
        InvalidInput.requirePresent(command.to(), "toAllocationId");
        if (command.from().equals(command.to())) {
            throw new InvalidInput("toAllocationId", "must differ from fromAllocationId: a transfer to itself moves nothing");
        }
        InvalidInput.requirePositive(command.debit(), "gpuHours");
        InvalidInput.requireText(command.reason(), "reason");
    }

    /**
     * Whether this transfer was asked before with the same content (the ledger's conversion, fixed then, is not part
     * of it: the rates in force may have changed since).
     *
     * @throws eu.gpuledger.ledger.refusal.IdempotencyConflict when it was asked with other content
     */
    boolean isReplayOf(TransferHours command) {
        return ClientIds.isReplay("transferId", command.transferId(), request == null ? null : Asked.of(request),
                Asked.of(command));
    }

    void request(TransferRequested requested) {
        if (!TransferConversionRules.isConversionOf(requested.debit(), requested.credit(), requested.conversion())) {
            throw new IllegalStateException("credit " + requested.credit().value() + " is not floor("
                    + requested.debit().value() + " × " + requested.conversion().sourceRate() + " / "
                    + requested.conversion().targetRate() + ")");
        }
        apply(requested);
    }

    void complete() {
        assertPending("complete");
        apply(new TransferCompleted(transferId));
    }

    void reject(String reason) {
        assertPending("reject");
        apply(new TransferRejected(transferId, reason));
    }

    private void assertPending(String action) {
        if (state != TransferState.PENDING) {
            throw new TransferAlreadySettled("transfer " + transferId + " is " + state + ": cannot " + action + " it");
        }
    }

    TransferRequested requested() {
        return request;
    }

    public TransferState state() {
        return state;
    }

    @EventSourcingHandler
    void on(TransferRequested event) {
        transferId = event.transferId();
        request = event;
        state = TransferState.PENDING;
    }

    @EventSourcingHandler
    void on(TransferCompleted event) {
        state = TransferState.COMPLETED;
    }

    @EventSourcingHandler
    void on(TransferRejected event) {
        state = TransferState.REJECTED;
    }
}
