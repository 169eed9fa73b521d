package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.allocation.AllocationCommands.CreditFromTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.DebitForTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.ReverseTransferDebit;
import eu.gpuledger.ledger.allocation.AllocationClosed;
import eu.gpuledger.ledger.allocation.OverdraftRefused;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.transfer.TransferCommands.CompleteTransfer;
import eu.gpuledger.ledger.transfer.TransferCommands.RejectTransfer;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.ledger.transfer.TransferTest.FROM;
import static eu.gpuledger.ledger.transfer.TransferTest.TO;
import static eu.gpuledger.ledger.transfer.TransferTest.TRANSFER;
import static eu.gpuledger.ledger.transfer.TransferTest.requested;

/** A transfer is never half done: both sides are booked, or neither is. */
class TransferSagaTest {

    private static final String OVERDRAFT = "allocation " + FROM + " has 3600 GPU-seconds available";
    private static final String CLOSED = "allocation " + TO + " expired";

    private final SagaTestFixture<TransferSaga> fixture = new SagaTestFixture<>(TransferSaga.class);

    private static DebitForTransfer debit() {
        return new DebitForTransfer(FROM, TRANSFER, TO, GpuSeconds.ofHours(10));
    }

    private static CreditFromTransfer credit() {
        return new CreditFromTransfer(TO, TRANSFER, FROM, GpuSeconds.ofHours(5));
    }

    @Test
    void a_transfer_debits_the_source_credits_the_target_then_completes() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectActiveSagas(1)
                .expectAssociationWith("transferId", TRANSFER.value())
                .expectDispatchedCommands(debit(), credit(), new CompleteTransfer(TRANSFER));
    }

    @Test
    void a_refused_debit_rejects_the_transfer_with_the_refusal_and_credits_nothing() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof DebitForTransfer) {
                throw new OverdraftRefused(OVERDRAFT);
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectDispatchedCommands(debit(), new RejectTransfer(TRANSFER, "debit refused: " + OVERDRAFT));
    }

    @Test
    void a_failed_credit_gives_the_debit_back_then_rejects_the_transfer() {
        String reason = "credit failed: " + CLOSED;
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof CreditFromTransfer) {
                throw new AllocationClosed(CLOSED);
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectDispatchedCommands(debit(), credit(), new ReverseTransferDebit(FROM, TRANSFER, reason),
                        new RejectTransfer(TRANSFER, reason));
    }

    @Test
    void a_transfer_whose_debit_cannot_be_given_back_stays_pending_rather_than_rejected() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof CreditFromTransfer) {
                throw new AllocationClosed(CLOSED);
            }
            if (command instanceof ReverseTransferDebit) {
                throw new IllegalStateException("ledger unreachable");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectActiveSagas(1)
                .expectDispatchedCommands(debit(), credit(),
                        new ReverseTransferDebit(FROM, TRANSFER, "credit failed: " + CLOSED));
    }

    @Test
    void a_completed_transfer_ends_its_saga() {
        fixture.givenAPublished(requested())
                .whenPublishingA(new TransferCompleted(TRANSFER))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void a_rejected_transfer_ends_its_saga() {
        fixture.givenAPublished(requested())
                .whenPublishingA(new TransferRejected(TRANSFER, "debit refused"))
                .expectActiveSagas(0);
    }
}
