package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.ExpireAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

class GrantAndSupplementTest {

    private final AggregateTestFixture<Allocation> fixture = fixture();

    private static SupplementAllocation supplement(String id, long hours) {
        return new SupplementAllocation(ALLOCATION, SupplementId.of(id), hours(hours), "demande au fil de l'eau");
    }

    private static AllocationSupplemented supplemented(String id, long hours) {
        return new AllocationSupplemented(ALLOCATION, SupplementId.of(id), hours(hours), "demande au fil de l'eau");
    }

    @Test
    void an_allocation_is_granted_to_one_project_pool_funding_source_and_period() {
        fixture.givenNoPriorActivity()
                .when(grant(GRANTED_HOURS))
                .expectEvents(granted())
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(GRANTED_HOURS)));
    }

    @Test
    void granting_again_with_the_same_content_changes_nothing() {
        fixture.given(granted()).when(grant(GRANTED_HOURS)).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void granting_again_with_other_content_is_a_conflict() {
        fixture.given(granted()).when(grant(GRANTED_HOURS + 1)).expectException(IdempotencyConflict.class);
    }

    @Test
    void a_grant_needs_positive_hours() {
        fixture.givenNoPriorActivity().when(grant(0)).expectException(InvalidInput.class);
    }

    @Test
    void a_period_ends_after_it_starts() {
        GrantAllocation backwards = new GrantAllocation(ALLOCATION, PROJECT, POOL, FundingSource.GENCI, hours(10),
                PERIOD_END, PERIOD_START, MARGIN_PERCENT, null);
        fixture.givenNoPriorActivity().when(backwards).expectException(InvalidInput.class);
    }

    @Test
    void the_over_consumption_margin_cannot_be_negative() {
        fixture.givenNoPriorActivity().when(grant(GRANTED_HOURS, -1)).expectException(InvalidInput.class);
    }

    @Test
    void a_supplement_adds_hours() {
        fixture.given(granted())
                .when(supplement("s1", 50))
                .expectEvents(supplemented("s1", 50))
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(150)));
    }

    @Test
    void a_supplement_never_moves_the_end_date() {
        fixture.given(granted(), supplemented("s1", 50))
                .when(consume(job("after-the-end", 1, PERIOD_END)))
                .expectException(ChargeOutsidePeriod.class);
    }

    @Test
    void a_supplemented_allocation_still_lapses_at_its_original_end() {
        fixture.given(granted(), supplemented("s1", 50))
                .when(new ExpireAllocation(ALLOCATION, PERIOD_END))
                .expectEvents(new AllocationExpired(ALLOCATION, hours(150), PERIOD_END));
    }

    @Test
    void the_same_supplement_id_with_the_same_content_changes_nothing() {
        fixture.given(granted(), supplemented("s1", 50))
                .when(supplement("s1", 50))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_supplement_id_with_other_content_is_a_conflict() {
        fixture.given(granted(), supplemented("s1", 50))
                .when(supplement("s1", 60))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_supplement_needs_positive_hours() {
        fixture.given(granted()).when(supplement("s1", 0)).expectException(InvalidInput.class);
    }

    @Test
    void a_supplement_unblocks_a_blocked_allocation() {
        fixture.given(granted(), consumed(job("j1", 130)))
                .when(supplement("s1", 30))
                .expectEvents(supplemented("s1", 30), standing(Standing.BLOCKED, Standing.WITHIN_GRANT, 130, 130))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.ACTIVE));
    }

    @Test
    void an_expired_allocation_takes_no_supplement() {
        fixture.given(granted(), new AllocationExpired(ALLOCATION, hours(GRANTED_HOURS), PERIOD_END))
                .when(supplement("s1", 10))
                .expectException(AllocationClosed.class);
    }
}
