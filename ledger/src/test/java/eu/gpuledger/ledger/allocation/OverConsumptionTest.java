package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.RefundConsumption;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

/** DOMAIN.md rule 5: above 100% jobs run at low priority; above the effective allocation the project is blocked. */
class OverConsumptionTest {

    private final AggregateTestFixture<Allocation> fixture = fixture();

    private static RefundConsumption refundAll(String recordId, long chargedHours) {
        return new RefundConsumption(ALLOCATION, RefundId.of("r-" + recordId), UsageRecordId.of(recordId),
                hours(chargedHours), null, MID_PERIOD, null, null, "node failure");
    }

    @Test
    void consumption_up_to_the_grant_keeps_the_allocation_active() {
        fixture.given(granted(), consumed(job("j1", 90)))
                .when(consume(job("j2", 10)))
                .expectEvents(consumed(job("j2", 10)), crossed(UsageThreshold.PERCENT_100, 100, 100))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.ACTIVE));
    }

    @Test
    void consumption_above_the_grant_lowers_the_priority() {
        fixture.given(granted(), consumed(job("j1", 100)))
                .when(consume(job("j2", 1)))
                .expectEvents(consumed(job("j2", 1)), standing(Standing.WITHIN_GRANT, Standing.LOW_PRIORITY, 101, 100))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.LOW_PRIORITY));
    }

    @Test
    void consumption_up_to_the_effective_allocation_does_not_block() {
        fixture.given(granted(), consumed(job("j1", 101)))
                .when(consume(job("j2", 24)))
                .expectEvents(consumed(job("j2", 24)))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.LOW_PRIORITY));
    }

    @Test
    void consumption_beyond_the_effective_allocation_blocks_the_project() {
        fixture.given(granted(), consumed(job("j1", 125)))
                .when(consume(job("j2", 1)))
                .expectEvents(consumed(job("j2", 1)), standing(Standing.LOW_PRIORITY, Standing.BLOCKED, 126, 100),
                        crossed(UsageThreshold.EFFECTIVE_LIMIT, 126, 100))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.BLOCKED));
    }

    @Test
    void the_reviewers_higher_margin_moves_the_block() {
        fixture.given(granted(GRANTED_HOURS, 50), consumed(job("j1", 140)))
                .when(consume(job("j2", 10)))
                .expectEvents(consumed(job("j2", 10)))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.LOW_PRIORITY));
    }

    @Test
    void a_centre_that_closes_at_the_grant_blocks_just_above_it() {
        fixture.given(granted(GRANTED_HOURS, 0), consumed(job("j1", 100)))
                .when(consume(job("j2", 1)))
                .expectEvents(consumed(job("j2", 1)), standing(Standing.WITHIN_GRANT, Standing.BLOCKED, 101, 100),
                        crossed(UsageThreshold.EFFECTIVE_LIMIT, 101, 100));
    }

    @Test
    void one_large_batch_announces_every_threshold_it_crosses() {
        fixture.given(granted())
                .when(consume(job("j1", 130)))
                .expectEvents(consumed(job("j1", 130)), standing(Standing.WITHIN_GRANT, Standing.BLOCKED, 130, 100),
                        crossed(UsageThreshold.PERCENT_80, 130, 100), crossed(UsageThreshold.PERCENT_100, 130, 100),
                        crossed(UsageThreshold.EFFECTIVE_LIMIT, 130, 100));
    }

    @Test
    void thresholds_are_announced_once_per_crossing() {
        fixture.given(granted(), consumed(job("j1", 80)), crossed(UsageThreshold.PERCENT_80, 80, 100))
                .when(consume(job("j2", 10)))
                .expectEvents(consumed(job("j2", 10)));
    }

    @Test
    void a_threshold_is_announced_again_when_consumption_crosses_it_again_after_a_refund() {
        fixture.given(granted(), consumed(job("j1", 80)), crossed(UsageThreshold.PERCENT_80, 80, 100),
                        new ConsumptionRefunded(ALLOCATION, RefundId.of("r-j1"), UsageRecordId.of("j1"), hours(80),
                                MID_PERIOD, null, null, "node failure"))
                .when(consume(job("j2", 85)))
                .expectEvents(consumed(job("j2", 85)), crossed(UsageThreshold.PERCENT_80, 85, 100));
    }

    @Test
    void a_refund_lifts_the_block() {
        fixture.given(granted(), consumed(job("j1", 100)), consumed(job("j2", 30)))
                .when(refundAll("j2", 30))
                .expectEvents(new ConsumptionRefunded(ALLOCATION, RefundId.of("r-j2"), UsageRecordId.of("j2"),
                        hours(30), MID_PERIOD, null, null, "node failure"), standing(Standing.BLOCKED, Standing.WITHIN_GRANT, 100, 100))
                .expectState(allocation -> assertThat(allocation.state()).isEqualTo(AllocationState.ACTIVE));
    }
}
