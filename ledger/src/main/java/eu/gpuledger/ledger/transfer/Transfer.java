package eu.gpuledger.ledger.transfer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.transfer.TransferCommands.CompleteTransfer;
import eu.gpuledger.ledger.transfer.TransferCommands.RejectTransfer;
import eu.gpuledger.ledger.transfer.TransferCommands.RequestTransfer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A transfer of hours between two allocations: requested with its conversion fixed, then completed or rejected by
 * {@link TransferSaga}, once. The hours themselves move on the allocations (debit, credit, reversal).
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

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestTransfer command) {
        assertValidRequest(command);
        TransferRequested requested = new TransferRequested(command.transferId(), command.from(), command.to(),
                command.debit(), command.credit(), TransferConversionRules.canonical(command.conversion()),
                command.reason());
        if (request != null) {
            if (!request.equals(requested)) {
                throw new IdempotencyConflict("transferId", command.transferId().value());
            }
            return;
        }
        apply(requested);
    }

    private static void assertValidRequest(RequestTransfer command) {
        InvalidInput.requirePresent(command.from(), "fromAllocationId");
        InvalidInput.requirePresent(command.to(), "toAllocationId");
        if (command.from().equals(command.to())) {
            throw new InvalidInput("toAllocationId", "must differ from fromAllocationId: a transfer to itself moves nothing");
        }
        InvalidInput.requirePositive(command.debit(), "gpuHours");
        InvalidInput.requirePresent(command.credit(), "credit");
        InvalidInput.requirePresent(command.conversion(), "conversion");
        InvalidInput.requireText(command.reason(), "reason");
        if (!TransferConversionRules.isConversionOf(command.debit(), command.credit(), command.conversion())) {
            throw new InvalidInput("credit", command.credit().value() + " is not floor(" + command.debit().value()
                    + " × " + command.conversion().sourceRate() + " / " + command.conversion().targetRate() + ")");
        }
    }

    @CommandHandler
    public void handle(CompleteTransfer command) {
        if (state == TransferState.COMPLETED) {
            return;
        }
        assertPending("complete");
        apply(new TransferCompleted(transferId));
    }

    @CommandHandler
    public void handle(RejectTransfer command) {
        InvalidInput.requireText(command.reason(), "reason");
        if (state == TransferState.REJECTED) {
            return;
        }
        assertPending("reject");
        apply(new TransferRejected(transferId, command.reason()));
    }

    private void assertPending(String action) {
        if (state != TransferState.PENDING) {
            throw new TransferAlreadySettled("transfer " + transferId + " is " + state + ": cannot " + action + " it");
        }
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
