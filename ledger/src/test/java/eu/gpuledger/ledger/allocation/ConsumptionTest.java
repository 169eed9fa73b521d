package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

class ConsumptionTest {

    private final AggregateTestFixture<Allocation> fixture = fixture();

    @Test
    void consumption_is_the_sum_of_the_jobs_in_a_batch() {
        fixture.given(granted())
                .when(consume(job("j1", 10), job("j2", 20)))
                .expectEvents(consumed(job("j1", 10), job("j2", 20)))
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(70)));
    }

    @Test
    void a_job_is_charged_to_the_allocation_whose_period_holds_its_end() {
        Charge startedBeforeThePeriod = job("j1", 48, PERIOD_START.plusSeconds(3600));
        fixture.given(granted())
                .when(consume(startedBeforeThePeriod))
                .expectEvents(consumed(startedBeforeThePeriod));
    }

    @Test
    void a_job_that_ended_before_the_period_belongs_to_another_allocation() {
        fixture.given(granted())
                .when(consume(job("j1", 1, PERIOD_START.minusSeconds(1))))
                .expectException(ChargeOutsidePeriod.class);
    }

    @Test
    void a_job_that_ended_at_the_period_end_belongs_to_the_next_period() {
        fixture.given(granted())
                .when(consume(job("j1", 1, PERIOD_END)))
                .expectException(ChargeOutsidePeriod.class);
    }

    @Test
    void one_job_outside_the_period_refuses_the_whole_batch() {
        fixture.given(granted())
                .when(consume(job("j1", 1), job("j2", 1, PERIOD_END)))
                .expectException(ChargeOutsidePeriod.class)
                .expectNoEvents();
    }

    @Test
    void a_job_that_already_ran_is_recorded_even_when_the_allocation_is_blocked() {
        fixture.given(granted(), consumed(job("j1", 130)))
                .when(consume(job("j2", 5)))
                .expectEvents(consumed(job("j2", 5)))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.BLOCKED));
    }

    @Test
    void a_job_that_already_ran_is_recorded_even_when_the_allocation_is_suspended() {
        fixture.given(granted(), new AllocationSuspended(ALLOCATION, "security incident"))
                .when(consume(job("j1", 5)))
                .expectEvents(consumed(job("j1", 5)));
    }

    @Test
    void a_job_that_ended_in_the_period_is_charged_even_when_imported_after_the_hours_lapsed() {
        fixture.given(granted(), new AllocationExpired(ALLOCATION, hours(GRANTED_HOURS), PERIOD_END))
                .when(consume(job("late", 5)))
                .expectEvents(consumed(job("late", 5)))
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(-5)));
    }

    @Test
    void a_job_that_never_started_costs_nothing() {
        fixture.given(granted())
                .when(consume(job("never-started", 0)))
                .expectEvents(consumed(job("never-started", 0)));
    }

    @Test
    void a_charge_is_never_negative() {
        fixture.given(granted())
                .when(consume(job("j1", -1)))
                .expectException(InvalidInput.class);
    }

    @Test
    void a_batch_holds_at_least_one_job() {
        fixture.given(granted())
                .when(new RecordConsumption(ALLOCATION, List.of()))
                .expectException(InvalidInput.class);
    }
}
