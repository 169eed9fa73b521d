package eu.gpuledger.ledger.rate;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.rate.RateCommands.AddRate;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.UnknownReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate cards (issue 14): a funder's EUR per hour of a pool, effective-dated versions added and never edited. */
class RateCardTest {

    private static final PoolId A100 = PoolId.of("jz-a100");
    private static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

    private final InMemoryDirectory directory = new InMemoryDirectory().record(
            new PoolRegistered(A100, ProviderId.of("idris"), ClusterName.of("jean-zay"), "gpu_p5", "A100", 8, 64, true));
    private final FixtureConfiguration<RateCardEntry> fixture = new AggregateTestFixture<>(RateCardEntry.class)
            .registerInjectableResource(directory);

    private static RatePerHour perGpuHour(String eur) {
        return new RatePerHour(RateUnit.GPU_HOUR, new BigDecimal(eur));
    }

    private static AddRate add(String rateId, FundingSource funder, Instant from, RatePerHour rate) {
        return new AddRate(RateId.of(rateId), funder, A100, from, rate);
    }

    private static RateAdded added(String rateId, FundingSource funder, Instant from, RatePerHour rate) {
        return new RateAdded(RateId.of(rateId), funder, A100, from, rate);
    }

    @Test
    void a_funder_s_rate_on_a_pool_is_added_from_an_instant() {
        fixture.givenNoPriorActivity()
                .when(add("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.20")))
                .expectEvents(added("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.2")));
    }

    @Test
    void a_rate_per_normalised_gpu_hour_says_so() {
        RatePerHour normalised = new RatePerHour(RateUnit.NORMALISED_GPU_HOUR, new BigDecimal("0.45"));
        fixture.givenNoPriorActivity()
                .when(add("genci-a100-2026", FundingSource.GENCI, JANUARY, normalised))
                .expectEvents(added("genci-a100-2026", FundingSource.GENCI, JANUARY, normalised));
    }

    @Test
    void adding_the_same_rate_again_under_its_id_changes_nothing() {
        fixture.given(added("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.2")))
                .when(add("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.20")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_rate_id_with_another_amount_is_a_conflict_not_an_edit() {
        fixture.given(added("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.2")))
                .when(add("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.3")))
                .expectException(IdempotencyConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_second_rate_id_for_the_same_funder_pool_and_instant_is_refused_as_an_edit_in_disguise() {
        directory.record(added("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.2")));

        fixture.givenNoPriorActivity()
                .when(add("ju-a100-2026-bis", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.3")))
                .expectException(RateVersionTaken.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("ju-a100-2026"))
                .expectNoEvents();
    }

    @Test
    void a_correction_is_a_new_version_from_a_later_instant() {
        directory.record(added("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.2")));

        fixture.givenNoPriorActivity()
                .when(add("ju-a100-2026-07", FundingSource.EUROHPC_JU, JULY, perGpuHour("1.3")))
                .expectEvents(added("ju-a100-2026-07", FundingSource.EUROHPC_JU, JULY, perGpuHour("1.3")));
    }

    @Test
    void another_funder_has_its_own_version_at_the_same_instant() {
        directory.record(added("ju-a100-2026", FundingSource.EUROHPC_JU, JANUARY, perGpuHour("1.2")));

        fixture.givenNoPriorActivity()
                .when(add("genci-a100-2026", FundingSource.GENCI, JANUARY, perGpuHour("0.9")))
                .expectEvents(added("genci-a100-2026", FundingSource.GENCI, JANUARY, perGpuHour("0.9")));
    }

    @Test
    void a_rate_on_an_unknown_pool_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new AddRate(RateId.of("ghost"), FundingSource.GENCI, PoolId.of("no-such-pool"), JANUARY,
                        perGpuHour("1")))
                .expectException(UnknownReference.class)
                .expectNoEvents();
    }

    @Test
    void a_negative_rate_cannot_be_written() {
        assertThatThrownBy(() -> perGpuHour("-0.01")).isInstanceOf(IllegalArgumentException.class);
        assertThat(perGpuHour("2.50")).isEqualTo(perGpuHour("2.5"));
    }
}
