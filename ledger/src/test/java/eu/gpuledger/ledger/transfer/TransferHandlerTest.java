package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.InMemoryLedger;
import eu.gpuledger.ledger.InMemoryLedger.Outcome;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.ClawbackPolicy;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SupplementId;
import eu.gpuledger.ledger.allocation.TransferCredited;
import eu.gpuledger.ledger.allocation.TransferDebitReversed;
import eu.gpuledger.ledger.allocation.TransferDebited;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.NormalisationFactorAdded;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.transfer.TransferCommands.TransferHours;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transfer is one command and one unit of work: both sides are booked, or neither is, and the transfer remembers
 * its outcome under its id. On Jean Zay an A100 hour counts 2 normalised hours and an H100 hour 4: 10 A100 hours
 * are 5 H100 hours.
 */
class TransferHandlerTest {

    private static final TransferId TRANSFER = TransferId.of("t-2026-001");
    /** The ids sort the A100 allocation first: the lock order, whichever way hours go. */
    private static final AllocationId A100 = AllocationId.of("2025-A0191012641-a100");
    private static final AllocationId H100 = AllocationId.of("2025-A0191012641-h100");
    private static final PoolId A100_POOL = PoolId.of("jean-zay-gpu_p5");
    private static final PoolId H100_POOL = PoolId.of("jean-zay-gpu_p6");
    private static final PoolId CLOUD_POOL = PoolId.of("cloud-l40s");
    private static final Instant PERIOD_START = Instant.parse("2025-05-01T00:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-11-01T00:00:00Z");
    private static final String REASON = "the project moved to H100";
    /** A100 (factor 2) to H100 (factor 4). */
    private static final TransferConversion A100_TO_H100 = new TransferConversion(ConversionBasis.NORMALISATION,
            BigDecimal.valueOf(2), BigDecimal.valueOf(4), BigDecimal.ZERO);

    private final InMemoryLedger ledger = new InMemoryLedger(Clock.fixed(NOW, ZoneOffset.UTC),
            ClawbackPolicy.standard());

    TransferHandlerTest() {
        ledger.directory().record(pool(A100_POOL, "gpu_p5"), pool(H100_POOL, "gpu_p6"), pool(CLOUD_POOL, "l40s"),
                new NormalisationFactorAdded(A100_POOL, PERIOD_START, NormalisationFactor.of("2")),
                new NormalisationFactorAdded(H100_POOL, PERIOD_START, NormalisationFactor.of("4")));
        ledger.given(granted(A100, A100_POOL, 100), granted(H100, H100_POOL, 100));
    }

    @AfterEach
    void shutDown() {
        ledger.close();
    }

    private static PoolRegistered pool(PoolId pool, String partition) {
        return new PoolRegistered(pool, ProviderId.of("idris"), ClusterName.of("jean-zay"), partition, "GPU", 4, 64,
                true);
    }

    private static AllocationGranted granted(AllocationId allocation, PoolId pool, long hours) {
        return new AllocationGranted(allocation, ProjectId.of("2025-A0191012641"), pool, FundingSource.GENCI,
                GpuSeconds.ofHours(hours), PERIOD_START, PERIOD_END, 25, null);
    }

    private static TransferHours transfer(AllocationId from, AllocationId to, long hours) {
        return new TransferHours(TRANSFER, from, to, GpuSeconds.ofHours(hours), REASON);
    }

    private static TransferRequested requested(long debitHours, long creditHours) {
        return new TransferRequested(TRANSFER, A100, H100, GpuSeconds.ofHours(debitHours),
                GpuSeconds.ofHours(creditHours), A100_TO_H100, REASON);
    }

    private static TransferDebited debited(long hours) {
        return new TransferDebited(A100, TRANSFER, H100, GpuSeconds.ofHours(hours));
    }

    private static TransferCredited credited(long hours) {
        return new TransferCredited(H100, TRANSFER, A100, GpuSeconds.ofHours(hours));
    }

    private GpuSeconds balanceOf(AllocationId allocation) {
        return ledger.allocation(allocation, loaded -> loaded.balance());
    }

    private static AllocationExpired expired(AllocationId allocation) {
        return new AllocationExpired(allocation, GpuSeconds.ofHours(100), PERIOD_END);
    }

    @Test
    void a_transfer_debits_the_source_credits_the_converted_hours_and_completes_in_one_command() {
        Outcome outcome = ledger.send(transfer(A100, H100, 10));

        assertThat(outcome.refusal()).isNull();
        assertThat(outcome.result()).isEqualTo(TransferState.COMPLETED);
        assertThat(outcome.events()).containsExactly(requested(10, 5), debited(10), credited(5),
                new TransferCompleted(TRANSFER));
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(90));
        assertThat(balanceOf(H100)).isEqualTo(GpuSeconds.ofHours(105));
    }

    @Test
    void the_credit_is_the_conversion_of_the_debit_rounded_down_with_the_remainder_kept() {
        Outcome outcome = ledger.send(new TransferHours(TRANSFER, A100, H100, GpuSeconds.of(3), REASON));

        // 3 A100 seconds are 6 normalised seconds: 1 H100 second (4) and 2 normalised seconds left over
        assertThat(outcome.events()).first().isEqualTo(new TransferRequested(TRANSFER, A100, H100, GpuSeconds.of(3),
                GpuSeconds.of(1), new TransferConversion(ConversionBasis.NORMALISATION, BigDecimal.valueOf(2),
                BigDecimal.valueOf(4), BigDecimal.valueOf(2)), REASON));
    }

    @Test
    void the_sides_are_booked_in_allocation_id_order_whichever_way_the_hours_go() {
        Outcome outcome = ledger.send(transfer(H100, A100, 5));

        assertThat(outcome.events()).extracting(Object::getClass).containsExactly(TransferRequested.class,
                TransferCredited.class, TransferDebited.class, TransferCompleted.class);
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(110));
        assertThat(balanceOf(H100)).isEqualTo(GpuSeconds.ofHours(95));
    }

    @Test
    void a_transfer_that_would_overdraw_its_source_moves_nothing_and_is_rejected_with_the_refusal() {
        Outcome outcome = ledger.send(transfer(A100, H100, 101));

        assertThat(outcome.result()).isEqualTo(TransferState.REJECTED);
        assertThat(outcome.events()).hasSize(2).first().isInstanceOf(TransferRequested.class);
        assertThat(outcome.events().get(1)).isInstanceOfSatisfying(TransferRejected.class, rejected ->
                assertThat(rejected.reason()).startsWith("debit refused: ").contains("would overdraw it"));
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(100));
        assertThat(balanceOf(H100)).isEqualTo(GpuSeconds.ofHours(100));
    }

    @Test
    void a_credit_refused_by_an_expired_target_moves_nothing_not_even_the_debit() {
        ledger.given(expired(H100));

        Outcome outcome = ledger.send(transfer(A100, H100, 10));

        assertThat(outcome.result()).isEqualTo(TransferState.REJECTED);
        assertThat(outcome.events()).hasSize(2);
        assertThat(outcome.events().get(1)).isInstanceOfSatisfying(TransferRejected.class, rejected ->
                assertThat(rejected.reason()).startsWith("credit refused: ").contains("expired"));
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(100));
    }

    @Test
    void a_replay_answers_the_first_outcome_and_moves_nothing_again() {
        ledger.send(transfer(A100, H100, 10));

        Outcome replay = ledger.send(transfer(A100, H100, 10));

        assertThat(replay.refusal()).isNull();
        assertThat(replay.result()).isEqualTo(TransferState.COMPLETED);
        assertThat(replay.events()).isEmpty();
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(90));
    }

    @Test
    void a_replay_of_a_rejected_transfer_stays_rejected_even_when_it_would_pass_now() {
        ledger.send(transfer(A100, H100, 101));
        ledger.send(new SupplementAllocation(A100, SupplementId.of("s1"), GpuSeconds.ofHours(50), "committee"));

        Outcome replay = ledger.send(transfer(A100, H100, 101));

        assertThat(replay.result()).isEqualTo(TransferState.REJECTED);
        assertThat(replay.events()).isEmpty();
    }

    @Test
    void a_replay_after_the_rates_changed_is_still_the_same_transfer() {
        ledger.send(transfer(A100, H100, 10));
        ledger.directory().record(new NormalisationFactorAdded(H100_POOL, NOW.minusSeconds(1),
                NormalisationFactor.of("5")));

        Outcome replay = ledger.send(transfer(A100, H100, 10));

        assertThat(replay.refusal()).isNull();
        assertThat(replay.events()).isEmpty();
    }

    @Test
    void the_same_transfer_id_with_other_content_is_a_conflict_and_moves_nothing() {
        ledger.send(transfer(A100, H100, 10));

        Outcome conflicting = ledger.send(transfer(A100, H100, 11));

        assertThat(conflicting.refusal()).isInstanceOf(IdempotencyConflict.class);
        assertThat(conflicting.events()).isEmpty();
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(90));
    }

    @Test
    void a_transfer_to_itself_is_invalid() {
        assertThat(ledger.send(transfer(A100, A100, 10)).refusal()).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_transfer_moves_a_positive_number_of_hours_for_a_reason() {
        assertThat(ledger.send(transfer(A100, H100, 0)).refusal()).isInstanceOf(InvalidInput.class);
        assertThat(ledger.send(new TransferHours(TRANSFER, A100, H100, GpuSeconds.ofHours(1), " ")).refusal())
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_transfer_to_an_allocation_the_ledger_does_not_know_is_refused_naming_the_field() {
        Outcome outcome = ledger.send(transfer(A100, AllocationId.of("nowhere"), 10));

        assertThat(outcome.refusal()).isInstanceOf(UnknownReference.class).hasMessageStartingWith("toAllocationId");
        assertThat(outcome.events()).isEmpty();
    }

    @Test
    void pools_with_no_common_rate_cannot_exchange_hours_and_nothing_is_stored() {
        AllocationId cloud = AllocationId.of("2025-A0191012641-l40s");
        ledger.given(granted(cloud, CLOUD_POOL, 100));

        Outcome outcome = ledger.send(transfer(A100, cloud, 10));

        assertThat(outcome.refusal()).isInstanceOf(TransferNotConvertible.class);
        assertThat(outcome.events()).isEmpty();
    }

    // ------------------------------------------------------------- transfers left pending by an earlier version

    @Test
    void a_transfer_left_pending_before_its_debit_is_booked_whole_when_repeated() {
        ledger.given(requested(10, 5));

        Outcome outcome = ledger.send(transfer(A100, H100, 10));

        assertThat(outcome.events()).containsExactly(debited(10), credited(5), new TransferCompleted(TRANSFER));
    }

    @Test
    void a_transfer_left_pending_with_its_debit_booked_gets_its_credit_when_repeated() {
        ledger.given(requested(10, 5), debited(10));

        Outcome outcome = ledger.send(transfer(A100, H100, 10));

        assertThat(outcome.result()).isEqualTo(TransferState.COMPLETED);
        assertThat(outcome.events()).containsExactly(credited(5), new TransferCompleted(TRANSFER));
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(90));
    }

    @Test
    void a_transfer_left_pending_with_its_debit_booked_and_a_closed_target_gives_the_debit_back() {
        ledger.given(requested(10, 5), debited(10), expired(H100));

        Outcome outcome = ledger.send(transfer(A100, H100, 10));

        assertThat(outcome.result()).isEqualTo(TransferState.REJECTED);
        assertThat(outcome.events()).hasSize(2).first().isInstanceOfSatisfying(TransferDebitReversed.class,
                reversed -> assertThat(reversed.gpuSeconds()).isEqualTo(GpuSeconds.ofHours(10)));
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(100));
    }

    @Test
    void a_transfer_left_pending_after_its_debit_was_given_back_is_rejected_without_moving_hours() {
        ledger.given(requested(10, 5), debited(10),
                new TransferDebitReversed(A100, TRANSFER, GpuSeconds.ofHours(10), "credit failed"));

        Outcome outcome = ledger.send(transfer(A100, H100, 10));

        assertThat(outcome.events()).singleElement().isInstanceOf(TransferRejected.class);
        assertThat(balanceOf(A100)).isEqualTo(GpuSeconds.ofHours(100));
        assertThat(balanceOf(H100)).isEqualTo(GpuSeconds.ofHours(100));
    }

    @Test
    void a_settled_transfer_is_never_settled_again() {
        ledger.send(transfer(A100, H100, 10));

        assertThat(ledger.transfer(TRANSFER, Transfer::state)).isEqualTo(TransferState.COMPLETED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.transfer(TRANSFER, settled -> {
            settled.reject("too late");
            return null;
        })).hasRootCauseInstanceOf(TransferAlreadySettled.class);
    }
}
