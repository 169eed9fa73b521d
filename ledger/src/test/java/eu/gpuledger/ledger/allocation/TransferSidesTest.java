package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.CreditFromTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.DebitForTransfer;
import eu.gpuledger.ledger.allocation.AskedOfAnAllocation.GiveBackDebit;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two sides of a transfer as an allocation sees them: debit, credit, and the reversal of a debit (only for a
 * transfer an earlier version's saga left pending). TransferHandlerTest has the transfer as a whole.
 */
class TransferSidesTest {

    private static final TransferId TRANSFER = TransferId.of("t-1");
    private final AggregateTestFixture<Allocation> fixture = fixture();

    private static DebitForTransfer debit(long hours) {
        return new DebitForTransfer(ALLOCATION, TRANSFER, OTHER_ALLOCATION, hours(hours));
    }

    private static TransferDebited debited(long hours) {
        return new TransferDebited(ALLOCATION, TRANSFER, OTHER_ALLOCATION, hours(hours));
    }

    private static CreditFromTransfer credit(long hours) {
        return new CreditFromTransfer(ALLOCATION, TRANSFER, OTHER_ALLOCATION, hours(hours));
    }

    private static TransferCredited credited(long hours) {
        return new TransferCredited(ALLOCATION, TRANSFER, OTHER_ALLOCATION, hours(hours));
    }

    @Test
    void a_debit_takes_hours_out_of_the_source() {
        fixture.given(granted())
                .when(debit(40))
                .expectEvents(debited(40))
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(60)));
    }

    @Test
    void a_transfer_never_overdraws_the_source() {
        fixture.given(granted(), consumed(job("j1", 70)))
                .when(debit(31))
                .expectException(OverdraftRefused.class);
    }

    @Test
    void a_debit_may_take_the_whole_balance() {
        fixture.given(granted(), consumed(job("j1", 70)))
                .when(debit(30))
                .expectEvents(debited(30), crossed(UsageThreshold.PERCENT_80, 70, 70),
                        crossed(UsageThreshold.PERCENT_100, 70, 70));
    }

    @Test
    void a_transfer_to_the_same_allocation_is_invalid() {
        fixture.given(granted())
                .when(new DebitForTransfer(ALLOCATION, TRANSFER, ALLOCATION, hours(1)))
                .expectException(InvalidInput.class);
    }

    @Test
    void the_same_transfer_debited_again_changes_nothing() {
        fixture.given(granted(), debited(40)).when(debit(40)).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void the_same_transfer_id_with_another_debit_is_a_conflict() {
        fixture.given(granted(), debited(40)).when(debit(41)).expectException(IdempotencyConflict.class);
    }

    @Test
    void an_expired_allocation_gives_no_hours() {
        fixture.given(granted(), new AllocationExpired(ALLOCATION, hours(GRANTED_HOURS), PERIOD_END))
                .when(debit(1))
                .expectException(AllocationClosed.class);
    }

    @Test
    void a_credit_brings_hours_in_and_can_unblock() {
        fixture.given(granted(), consumed(job("j1", 130)))
                .when(credit(30))
                .expectEvents(credited(30), standing(Standing.BLOCKED, Standing.WITHIN_GRANT, 130, 130));
    }

    @Test
    void a_credit_rounded_down_to_nothing_is_still_booked() {
        fixture.given(granted())
                .when(new CreditFromTransfer(ALLOCATION, TRANSFER, OTHER_ALLOCATION, hours(0)))
                .expectEvents(credited(0));
    }

    @Test
    void an_expired_allocation_takes_no_credit() {
        fixture.given(granted(), new AllocationExpired(ALLOCATION, hours(GRANTED_HOURS), PERIOD_END))
                .when(credit(1))
                .expectException(AllocationClosed.class);
    }

    @Test
    void a_reversal_gives_the_debit_back() {
        fixture.given(granted(), debited(40))
                .when(new GiveBackDebit(ALLOCATION, TRANSFER, "credit failed"))
                .expectEvents(new TransferDebitReversed(ALLOCATION, TRANSFER, hours(40), "credit failed"))
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(GRANTED_HOURS)));
    }

    @Test
    void a_reversal_of_a_debit_that_never_happened_changes_nothing() {
        fixture.given(granted())
                .when(new GiveBackDebit(ALLOCATION, TRANSFER, "credit failed"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_debit_is_reversed_at_most_once() {
        fixture.given(granted(), debited(40), new TransferDebitReversed(ALLOCATION, TRANSFER, hours(40), "credit failed"))
                .when(new GiveBackDebit(ALLOCATION, TRANSFER, "credit failed"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_reversed_transfer_id_is_not_debited_again() {
        fixture.given(granted(), debited(40), new TransferDebitReversed(ALLOCATION, TRANSFER, hours(40), "credit failed"))
                .when(debit(40))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
