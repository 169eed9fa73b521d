package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.CreditFromTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;

/** The bounds an allocation keeps itself (docs/bounds.md), at and past each. */
class AllocationLimitsTest {

    private static final long LARGEST = LedgerLimits.ALLOCATION_GPU_HOURS_MAX;
    private final AggregateTestFixture<Allocation> fixture = fixture();

    @Test
    void the_largest_allocation_is_granted_and_one_gpu_hour_more_is_refused() {
        fixture.givenNoPriorActivity().when(grant(LARGEST)).expectEvents(granted(LARGEST, MARGIN_PERCENT));
        fixture.givenNoPriorActivity().when(grant(LARGEST + 1)).expectException(InvalidInput.class);
    }

    @Test
    void a_supplement_up_to_the_largest_allocation_is_taken_and_past_it_refused() {
        fixture.given(granted(LARGEST - 10, MARGIN_PERCENT)).when(supplement("up-to", 10))
                .expectSuccessfulHandlerExecution();
        fixture.given(granted(LARGEST - 10, MARGIN_PERCENT)).when(supplement("past", 11))
                .expectException(AllocationLimitExceeded.class).expectNoEvents();
    }

    @Test
    void a_transfer_credit_past_the_largest_allocation_is_refused() {
        fixture.given(granted(LARGEST, MARGIN_PERCENT))
                .when(new CreditFromTransfer(ALLOCATION, TransferId.of("t-1"), OTHER_ALLOCATION, hours(1)))
                .expectException(AllocationLimitExceeded.class).expectNoEvents();
    }

    @Test
    void over_consumption_allowances_above_300_percent_are_refused() {
        fixture.givenNoPriorActivity().when(grant(GRANTED_HOURS, LedgerLimits.OVER_CONSUMPTION_PERCENT_MAX))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity().when(grant(GRANTED_HOURS, LedgerLimits.OVER_CONSUMPTION_PERCENT_MAX + 1))
                .expectException(InvalidInput.class);
    }

    @Test
    void consumption_past_the_most_an_allocation_can_be_charged_is_refused() {
        long mostHours = LedgerLimits.ALLOCATION_CONSUMED_GPU_SECONDS_MAX / 3600;
        fixture.given(granted(LARGEST, MARGIN_PERCENT)).when(consume(job("up-to", mostHours)))
                .expectSuccessfulHandlerExecution();
        fixture.given(granted(LARGEST, MARGIN_PERCENT)).when(consume(job("past", mostHours + 1)))
                .expectException(AllocationLimitExceeded.class).expectNoEvents();
    }

    private static SupplementAllocation supplement(String id, long hours) {
        return new SupplementAllocation(ALLOCATION, SupplementId.of(id), hours(hours), "more");
    }
}
