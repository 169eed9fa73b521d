package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.ClawBackAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.WarnUnderConsumption;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

/** DOMAIN.md rule 6: a project behind the expected pace is warned; hours are clawed back only a month later. */
class UnderConsumptionTest {

    /** 73 of the period's 365 days: the expected pace is one fifth of the grant. */
    private static final Instant WARNED_AT = daysAfterStart(73);
    private static final String REASON = "behind the expected pace";

    private final AggregateTestFixture<Allocation> fixture = fixture();

    private static WarnUnderConsumption warn(String warningId, Instant at) {
        return new WarnUnderConsumption(ALLOCATION, WarningId.of(warningId), at, REASON);
    }

    private static UnderConsumptionWarned warned(long consumedHours) {
        return new UnderConsumptionWarned(ALLOCATION, WarningId.of("w1"), WARNED_AT, hours(GRANTED_HOURS / 5),
                hours(consumedHours), REASON);
    }

    private static ClawBackAllocation clawBack(String clawbackId, long hours, Instant at) {
        return new ClawBackAllocation(ALLOCATION, ClawbackId.of(clawbackId), hours(hours), at, "unused");
    }

    private static AllocationClawedBack clawedBack(String clawbackId, long hours) {
        return new AllocationClawedBack(ALLOCATION, ClawbackId.of(clawbackId), hours(hours), "unused");
    }

    @Test
    void a_project_behind_the_expected_pace_is_warned_with_that_pace() {
        fixture.given(granted(), consumed(job("j1", 5)))
                .when(warn("w1", WARNED_AT))
                .expectEvents(warned(5));
    }

    @Test
    void a_project_on_the_expected_pace_is_not_warned() {
        fixture.given(granted(), consumed(job("j1", 20)))
                .when(warn("w1", WARNED_AT))
                .expectException(NotUnderConsuming.class);
    }

    @Test
    void the_same_warning_id_with_the_same_content_changes_nothing() {
        fixture.given(granted(), warned(0))
                .when(warn("w1", WARNED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_warning_sent_again_later_is_the_same_warning_and_changes_nothing() {
        fixture.given(granted(), warned(0))
                .when(warn("w1", WARNED_AT.plus(Duration.ofMinutes(5))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_warning_sent_again_after_consumption_changed_is_still_the_same_warning() {
        fixture.given(granted(), warned(0), consumed(job("j1", 3)))
                .when(warn("w1", WARNED_AT.plus(Duration.ofDays(2))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_warning_id_with_another_reason_is_a_conflict() {
        fixture.given(granted(), warned(0))
                .when(new WarnUnderConsumption(ALLOCATION, WarningId.of("w1"), WARNED_AT, "another reason"))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_clawback_needs_a_warning_thirty_days_earlier() {
        fixture.given(granted(), warned(0))
                .when(clawBack("c1", 10, WARNED_AT.plus(Duration.ofDays(30)).minusSeconds(1)))
                .expectException(ClawbackWithoutWarning.class);
    }

    @Test
    void a_clawback_without_any_warning_is_refused() {
        fixture.given(granted())
                .when(clawBack("c1", 10, MID_PERIOD))
                .expectException(ClawbackWithoutWarning.class);
    }

    @Test
    void thirty_days_after_a_warning_unused_hours_can_be_clawed_back() {
        fixture.given(granted(), warned(0))
                .when(clawBack("c1", 10, WARNED_AT.plus(Duration.ofDays(30))))
                .expectEvents(clawedBack("c1", 10))
                .expectState(allocation -> assertThat(allocation.balance()).isEqualTo(hours(90)));
    }

    @Test
    void a_centre_may_ask_for_a_shorter_notice() {
        AggregateTestFixture<Allocation> fortnight = new AggregateTestFixture<>(Allocation.class);
        fortnight.registerInjectableResource(new ClawbackPolicy(Duration.ofDays(14)));
        fortnight.given(granted(), warned(0))
                .when(clawBack("c1", 10, WARNED_AT.plus(Duration.ofDays(14))))
                .expectEvents(clawedBack("c1", 10));
    }

    @Test
    void a_clawback_never_goes_below_what_was_consumed() {
        fixture.given(granted(), consumed(job("j1", 15)), warned(15))
                .when(clawBack("c1", 86, MID_PERIOD))
                .expectException(ClawbackBelowConsumption.class);
    }

    @Test
    void a_clawback_may_take_every_unused_hour() {
        fixture.given(granted(), consumed(job("j1", 15)), warned(15))
                .when(clawBack("c1", 85, MID_PERIOD))
                .expectEvents(clawedBack("c1", 85), crossed(UsageThreshold.PERCENT_80, 15, 15),
                        crossed(UsageThreshold.PERCENT_100, 15, 15));
    }

    @Test
    void a_clawback_amount_is_positive() {
        fixture.given(granted(), warned(0))
                .when(clawBack("c1", 0, MID_PERIOD))
                .expectException(InvalidInput.class);
    }

    @Test
    void the_same_clawback_id_with_the_same_content_changes_nothing() {
        fixture.given(granted(), warned(0), clawedBack("c1", 10))
                .when(clawBack("c1", 10, MID_PERIOD))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_clawback_id_with_other_content_is_a_conflict() {
        fixture.given(granted(), warned(0), clawedBack("c1", 10))
                .when(clawBack("c1", 20, MID_PERIOD))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void an_expired_allocation_is_neither_warned_nor_clawed_back() {
        fixture.given(granted(), warned(0), new AllocationExpired(ALLOCATION, hours(GRANTED_HOURS), PERIOD_END))
                .when(clawBack("c1", 10, PERIOD_END))
                .expectException(AllocationClosed.class);
    }
}
