package eu.gpuledger.ledger.transfer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.allocation.AllocationCommands.CreditFromTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.DebitForTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.ReverseTransferDebit;
import eu.gpuledger.ledger.transfer.TransferCommands.CompleteTransfer;
import eu.gpuledger.ledger.transfer.TransferCommands.RejectTransfer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Runs a transfer to its end, never half done: debit the source; when that succeeds, credit the target; when
 * that succeeds, complete. A refused debit rejects the transfer (nothing moved). A failed credit gives the debit
 * back to the source, then rejects. Every command it sends is idempotent on the transfer id, so a retry is safe.
 * <p>
 * If even the reversal fails (the ledger is unreachable, not a rule: a reversal refuses nothing), the transfer
 * stays PENDING with its debit booked and the failure is logged; it is never reported as rejected while hours
 * are missing from the source.
 */
@Saga
@ProcessingGroup(TransferSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class TransferSaga {

    public static final String PROCESSING_GROUP = "transfers";
    private static final String ASSOCIATION = "transferId";
    private static final Logger log = LoggerFactory.getLogger(TransferSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;

    private TransferRequested request;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(TransferRequested event) {
        request = event;
        commandGateway.send(new DebitForTransfer(event.fromAllocationId(), event.transferId(),
                        event.toAllocationId(), event.debit()))
                .whenComplete((result, refusal) -> {
                    if (refusal == null) {
                        credit();
                    } else {
                        reject("debit refused: " + messageOf(refusal));
                    }
                });
    }

    private void credit() {
        commandGateway.send(new CreditFromTransfer(request.toAllocationId(), request.transferId(),
                        request.fromAllocationId(), request.credit()))
                .whenComplete((result, failure) -> {
                    if (failure == null) {
                        commandGateway.send(new CompleteTransfer(request.transferId()));
                    } else {
                        reverseDebit("credit failed: " + messageOf(failure));
                    }
                });
    }

    private void reverseDebit(String reason) {
        commandGateway.send(new ReverseTransferDebit(request.fromAllocationId(), request.transferId(), reason))
                .whenComplete((result, failure) -> {
                    if (failure == null) {
                        reject(reason);
                    } else {
                        log.error("transfer {}: the debit of {} could not be given back to {} ({}); it stays pending",
                                request.transferId(), request.debit(), request.fromAllocationId(),
                                messageOf(failure));
                    }
                });
    }

    private void reject(String reason) {
        commandGateway.send(new RejectTransfer(request.transferId(), reason));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(TransferCompleted event) {
        // the transfer is settled
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(TransferRejected event) {
        // the transfer is settled
    }

    /** The refusal's own message, not the wrapper's that futures add around it. */
    private static String messageOf(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
