package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.ExpireAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.ResumeAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SuspendAllocation;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

class SuspensionAndExpiryTest {

    private static final String INCIDENT = "security incident";
    private final AggregateTestFixture<Allocation> fixture = fixture();

    private static AllocationExpired expired(long lapsedHours) {
        return new AllocationExpired(ALLOCATION, hours(lapsedHours), PERIOD_END);
    }

    @Test
    void a_centre_suspends_an_allocation() {
        fixture.given(granted())
                .when(new SuspendAllocation(ALLOCATION, INCIDENT))
                .expectEvents(new AllocationSuspended(ALLOCATION, INCIDENT))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.SUSPENDED));
    }

    @Test
    void a_suspension_needs_a_reason() {
        fixture.given(granted()).when(new SuspendAllocation(ALLOCATION, " ")).expectException(InvalidInput.class);
    }

    @Test
    void suspending_a_suspended_allocation_changes_nothing() {
        fixture.given(granted(), new AllocationSuspended(ALLOCATION, INCIDENT))
                .when(new SuspendAllocation(ALLOCATION, INCIDENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resuming_lifts_the_suspension() {
        fixture.given(granted(), new AllocationSuspended(ALLOCATION, INCIDENT))
                .when(new ResumeAllocation(ALLOCATION, "resolved"))
                .expectEvents(new AllocationResumed(ALLOCATION, "resolved"))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.ACTIVE));
    }

    @Test
    void resuming_an_allocation_that_is_not_suspended_changes_nothing() {
        fixture.given(granted())
                .when(new ResumeAllocation(ALLOCATION, "resolved"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_expired_allocation_cannot_be_suspended() {
        fixture.given(granted(), expired(GRANTED_HOURS))
                .when(new SuspendAllocation(ALLOCATION, INCIDENT))
                .expectException(AllocationClosed.class);
    }

    @Test
    void unused_hours_lapse_at_the_end_of_the_period() {
        fixture.given(granted(), consumed(job("j1", 30)))
                .when(new ExpireAllocation(ALLOCATION, PERIOD_END))
                .expectEvents(expired(70))
                .expectState(allocation -> {
                    assertThat(allocation.balance()).isEqualTo(GpuSeconds.ZERO);
                    assertThat(allocation.state()).isEqualTo(AllocationState.EXPIRED);
                });
    }

    @Test
    void nothing_lapses_from_an_over_consumed_allocation() {
        fixture.given(granted(), consumed(job("j1", 110)))
                .when(new ExpireAllocation(ALLOCATION, PERIOD_END))
                .expectEvents(expired(0))
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(-10)));
    }

    @Test
    void an_allocation_does_not_expire_before_the_end_of_its_period() {
        fixture.given(granted())
                .when(new ExpireAllocation(ALLOCATION, PERIOD_END.minusSeconds(1)))
                .expectException(PeriodNotEnded.class);
    }

    @Test
    void expiring_again_changes_nothing() {
        fixture.given(granted(), expired(GRANTED_HOURS))
                .when(new ExpireAllocation(ALLOCATION, PERIOD_END.plusSeconds(86_400)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
