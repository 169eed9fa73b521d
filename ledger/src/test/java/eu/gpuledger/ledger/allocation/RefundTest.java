package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.RefundConsumption;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

class RefundTest {

    private static final String REASON = "killed by a node failure";
    private final AggregateTestFixture<Allocation> fixture = fixture();

    private static RefundConsumption refund(String refundId, String recordId, long chargedHours, Long hours) {
        return refund(refundId, recordId, chargedHours, hours, MID_PERIOD);
    }

    private static RefundConsumption refund(String refundId, String recordId, long chargedHours, Long hours,
                                            Instant effectiveAt) {
        return new RefundConsumption(ALLOCATION, RefundId.of(refundId), UsageRecordId.of(recordId),
                hours(chargedHours), hours == null ? null : hours(hours), effectiveAt, null, null, REASON);
    }

    private static ConsumptionRefunded refunded(String refundId, String recordId, long hours) {
        return new ConsumptionRefunded(ALLOCATION, RefundId.of(refundId), UsageRecordId.of(recordId), hours(hours),
                MID_PERIOD, null, null, REASON);
    }

    @Test
    void a_refund_gives_hours_back_to_the_allocation_with_the_job_s_effective_time() {
        fixture.given(granted(), consumed(job("j1", 10)))
                .when(refund("r1", "j1", 10, 4L))
                .expectEvents(refunded("r1", "j1", 4))
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(94)));
    }

    @Test
    void a_refund_without_an_amount_gives_back_all_that_is_still_refundable() {
        fixture.given(granted(), consumed(job("j1", 10)), refunded("r1", "j1", 4))
                .when(refund("r2", "j1", 10, null))
                .expectEvents(refunded("r2", "j1", 6));
    }

    @Test
    void a_refund_never_gives_back_more_than_was_charged() {
        fixture.given(granted(), consumed(job("j1", 10)))
                .when(refund("r1", "j1", 10, 11L))
                .expectException(RefundExceedsCharge.class);
    }

    @Test
    void the_refunds_of_one_job_together_never_exceed_its_charge() {
        fixture.given(granted(), consumed(job("j1", 10)), refunded("r1", "j1", 6))
                .when(refund("r2", "j1", 10, 5L))
                .expectException(RefundExceedsCharge.class);
    }

    @Test
    void a_job_fully_refunded_has_nothing_left_to_refund() {
        fixture.given(granted(), consumed(job("j1", 10)), refunded("r1", "j1", 10))
                .when(refund("r2", "j1", 10, null))
                .expectException(RefundExceedsCharge.class);
    }

    @Test
    void a_refund_never_gives_back_more_than_the_allocation_consumed() {
        fixture.given(granted(), consumed(job("j1", 3)))
                .when(refund("r1", "j-elsewhere", 10, null))
                .expectException(RefundExceedsConsumption.class);
    }

    @Test
    void a_refund_is_of_a_job_that_ended_in_the_allocation_s_period() {
        fixture.given(granted(), consumed(job("j1", 10)))
                .when(refund("r1", "j1", 10, 1L, PERIOD_END))
                .expectException(ChargeOutsidePeriod.class);
    }

    @Test
    void a_refund_amount_is_positive() {
        fixture.given(granted(), consumed(job("j1", 10)))
                .when(new RefundConsumption(ALLOCATION, RefundId.of("r1"), UsageRecordId.of("j1"), hours(10),
                        GpuSeconds.ZERO, MID_PERIOD, null, null, REASON))
                .expectException(InvalidInput.class);
    }

    @Test
    void the_same_refund_id_with_the_same_content_changes_nothing() {
        fixture.given(granted(), consumed(job("j1", 10)), refunded("r1", "j1", 10))
                .when(refund("r1", "j1", 10, 10L))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_refund_id_replayed_without_an_amount_changes_nothing() {
        fixture.given(granted(), consumed(job("j1", 10)), refunded("r1", "j1", 10))
                .when(refund("r1", "j1", 10, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_refund_id_with_other_content_is_a_conflict() {
        fixture.given(granted(), consumed(job("j1", 10)), refunded("r1", "j1", 4))
                .when(refund("r1", "j1", 10, 5L))
                .expectException(IdempotencyConflict.class);
    }
}
