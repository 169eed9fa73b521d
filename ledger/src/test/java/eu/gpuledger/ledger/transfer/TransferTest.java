package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.transfer.TransferCommands.CompleteTransfer;
import eu.gpuledger.ledger.transfer.TransferCommands.RejectTransfer;
import eu.gpuledger.ledger.transfer.TransferCommands.RequestTransfer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

class TransferTest {

    static final TransferId TRANSFER = TransferId.of("t-2026-001");
    static final AllocationId FROM = AllocationId.of("2025-A0191012641-a100");
    static final AllocationId TO = AllocationId.of("2025-A0191012641-h100");
    /** A100 (factor 2) to H100 (factor 4): 10 A100 hours are 5 H100 hours. */
    static final TransferConversion A100_TO_H100 = new TransferConversion(ConversionBasis.NORMALISATION,
            BigDecimal.valueOf(2), BigDecimal.valueOf(4), BigDecimal.ZERO);
    static final String REASON = "the project moved to H100";

    private final AggregateTestFixture<Transfer> fixture = new AggregateTestFixture<>(Transfer.class);

    static RequestTransfer request(AllocationId to, long debitHours, long creditHours) {
        return new RequestTransfer(TRANSFER, FROM, to, GpuSeconds.ofHours(debitHours), GpuSeconds.ofHours(creditHours),
                A100_TO_H100, REASON);
    }

    static TransferRequested requested() {
        return new TransferRequested(TRANSFER, FROM, TO, GpuSeconds.ofHours(10), GpuSeconds.ofHours(5), A100_TO_H100,
                REASON);
    }

    @Test
    void a_transfer_is_requested_with_its_conversion() {
        fixture.givenNoPriorActivity().when(request(TO, 10, 5)).expectEvents(requested());
    }

    @Test
    void the_same_transfer_id_with_the_same_content_changes_nothing() {
        fixture.given(requested()).when(request(TO, 10, 5)).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void the_same_transfer_id_with_other_content_is_a_conflict() {
        fixture.given(requested())
                .when(new RequestTransfer(TRANSFER, FROM, TO, GpuSeconds.ofHours(20), GpuSeconds.ofHours(10),
                        A100_TO_H100, REASON))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_transfer_to_itself_is_invalid() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransfer(TRANSFER, FROM, FROM, GpuSeconds.ofHours(10), GpuSeconds.ofHours(10),
                        new TransferConversion(ConversionBasis.SAME_POOL, BigDecimal.ONE, BigDecimal.ONE,
                                BigDecimal.ZERO), REASON))
                .expectException(InvalidInput.class);
    }

    @Test
    void a_transfer_moves_a_positive_number_of_hours() {
        fixture.givenNoPriorActivity().when(request(TO, 0, 0)).expectException(InvalidInput.class);
    }

    @Test
    void the_credit_is_the_conversion_of_the_debit() {
        fixture.givenNoPriorActivity().when(request(TO, 10, 6)).expectException(InvalidInput.class);
    }

    @Test
    void a_requested_transfer_completes() {
        fixture.given(requested())
                .when(new CompleteTransfer(TRANSFER))
                .expectEvents(new TransferCompleted(TRANSFER))
                .expectState(transfer -> org.assertj.core.api.Assertions.assertThat(transfer.state())
                        .isEqualTo(TransferState.COMPLETED));
    }

    @Test
    void completing_again_changes_nothing() {
        fixture.given(requested(), new TransferCompleted(TRANSFER))
                .when(new CompleteTransfer(TRANSFER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_requested_transfer_is_rejected_with_the_reason() {
        fixture.given(requested())
                .when(new RejectTransfer(TRANSFER, "overdraft"))
                .expectEvents(new TransferRejected(TRANSFER, "overdraft"));
    }

    @Test
    void a_completed_transfer_is_never_rejected() {
        fixture.given(requested(), new TransferCompleted(TRANSFER))
                .when(new RejectTransfer(TRANSFER, "overdraft"))
                .expectException(TransferAlreadySettled.class);
    }

    @Test
    void a_rejected_transfer_never_completes() {
        fixture.given(requested(), new TransferRejected(TRANSFER, "overdraft"))
                .when(new CompleteTransfer(TRANSFER))
                .expectException(TransferAlreadySettled.class);
    }
}
