package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddPrice;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.directory.PartitionAlreadyPooled;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/** DOMAIN.md rule 8: factors and prices are effective-dated versions, added, never edited. */
class PoolTest {

    private static final PoolId POOL = PoolId.of("jean-zay-gpu_p5");
    private static final ProviderId IDRIS = ProviderId.of("idris");
    private static final ClusterName JEAN_ZAY = ClusterName.of("jean-zay");
    private static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

    private final InMemoryDirectory directory = new InMemoryDirectory()
            .record(new ProviderRegistered(IDRIS, "IDRIS", ProviderKind.PUBLIC, false, null));
    private final FixtureConfiguration<Pool> fixture = new AggregateTestFixture<>(Pool.class)
            .registerInjectableResource(directory);

    private static RegisterPool register(int gpusPerNode) {
        return new RegisterPool(POOL, IDRIS, JEAN_ZAY, "gpu_p5", "A100 80GB", gpusPerNode, 64, true);
    }

    private static PoolRegistered registered() {
        return new PoolRegistered(POOL, IDRIS, JEAN_ZAY, "gpu_p5", "A100 80GB", 8, 64, true);
    }

    private static AddNormalisationFactor addFactor(Instant from, String factor) {
        return new AddNormalisationFactor(POOL, from, NormalisationFactor.of(factor));
    }

    private static NormalisationFactorAdded factorAdded(Instant from, String factor) {
        return new NormalisationFactorAdded(POOL, from, NormalisationFactor.of(factor));
    }

    private static PriceAdded priceAdded(Instant from, String eurPerGpuHour) {
        return new PriceAdded(POOL, from, PricePerGpuHour.of(eurPerGpuHour));
    }

    @Test
    void a_pool_is_registered_with_its_node_shape() {
        fixture.givenNoPriorActivity().when(register(8)).expectEvents(registered());
    }

    @Test
    void a_pool_s_first_size_holds_from_the_start_and_a_change_is_a_new_version_from_its_time() {
        fixture.given(registered()).when(new CatalogueCommands.SizePool(POOL, 40, JULY))
                .expectEvents(new PoolSized(POOL, Pool.SIZED_FROM_THE_START, 40));
        fixture.given(registered(), new PoolSized(POOL, Pool.SIZED_FROM_THE_START, 40))
                .when(new CatalogueCommands.SizePool(POOL, 40, JULY)).expectNoEvents();
        fixture.given(registered(), new PoolSized(POOL, Pool.SIZED_FROM_THE_START, 40))
                .when(new CatalogueCommands.SizePool(POOL, 48, JULY))
                .expectEvents(new PoolSized(POOL, JULY, 48));
    }

    @Test
    void a_pool_has_at_least_one_node() {
        fixture.given(registered()).when(new CatalogueCommands.SizePool(POOL, 0, JULY))
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void registering_a_pool_again_with_the_same_content_changes_nothing() {
        fixture.given(registered()).when(register(8)).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void registering_a_pool_again_with_other_content_is_a_conflict() {
        fixture.given(registered()).when(register(4)).expectException(IdempotencyConflict.class);
    }

    @Test
    void a_pool_on_a_provider_the_ledger_does_not_know_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPool(POOL, ProviderId.of("cines"), JEAN_ZAY, "gpu_p5", "A100 80GB", 8, 64, true))
                .expectException(UnknownReference.class)
                .expectNoEvents();
    }

    @Test
    void a_partition_already_pooled_is_refused_to_another_pool() {
        directory.record(new PoolRegistered(PoolId.of("jean-zay-a100"), IDRIS, JEAN_ZAY, "gpu_p5", "A100 80GB", 8,
                64, true));
        fixture.givenNoPriorActivity()
                .when(register(8))
                .expectException(PartitionAlreadyPooled.class)
                .expectNoEvents();
    }

    @Test
    void the_same_partition_on_another_cluster_is_another_pool() {
        directory.record(new PoolRegistered(PoolId.of("adastra-gpu_p5"), IDRIS, ClusterName.of("adastra"), "gpu_p5",
                "MI250X", 8, 64, true));
        fixture.givenNoPriorActivity().when(register(8)).expectEvents(registered());
    }

    @Test
    void a_node_has_at_least_one_gpu() {
        fixture.givenNoPriorActivity().when(register(0)).expectException(InvalidInput.class);
    }

    @Test
    void a_node_has_at_least_one_cpu() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPool(POOL, IDRIS, JEAN_ZAY, "gpu_p5", "A100 80GB", 8, 0, true))
                .expectException(InvalidInput.class);
    }

    @Test
    void a_pool_names_its_partition() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPool(POOL, IDRIS, JEAN_ZAY, " ", "A100 80GB", 8, 64, true))
                .expectException(InvalidInput.class);
    }

    @Test
    void a_factor_version_is_added() {
        fixture.given(registered()).when(addFactor(JANUARY, "2")).expectEvents(factorAdded(JANUARY, "2"));
    }

    @Test
    void a_later_factor_version_is_added_beside_the_earlier_one() {
        fixture.given(registered(), factorAdded(JANUARY, "2"))
                .when(addFactor(JULY, "2.5"))
                .expectEvents(factorAdded(JULY, "2.5"));
    }

    @Test
    void factor_versions_are_added_never_edited() {
        fixture.given(registered(), factorAdded(JANUARY, "2"))
                .when(addFactor(JANUARY, "3"))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void adding_the_same_factor_version_again_changes_nothing() {
        fixture.given(registered(), factorAdded(JANUARY, "2"))
                .when(addFactor(JANUARY, "2.0"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_factor_version_has_an_effective_time() {
        fixture.given(registered()).when(addFactor(null, "2")).expectException(InvalidInput.class);
    }

    @Test
    void price_versions_are_added_never_edited() {
        fixture.given(registered(), priceAdded(JANUARY, "2.50"))
                .when(new AddPrice(POOL, JANUARY, PricePerGpuHour.of("2.60")))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_later_price_version_is_added_beside_the_earlier_one() {
        fixture.given(registered(), priceAdded(JANUARY, "2.50"))
                .when(new AddPrice(POOL, JULY, PricePerGpuHour.of("2.60")))
                .expectEvents(priceAdded(JULY, "2.60"));
    }

    @Test
    void adding_the_same_price_version_again_changes_nothing() {
        fixture.given(registered(), priceAdded(JANUARY, "2.50"))
                .when(new AddPrice(POOL, JANUARY, PricePerGpuHour.of("2.5")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_factor_is_added_only_to_a_registered_pool() {
        fixture.givenNoPriorActivity()
                .when(addFactor(JANUARY, "2"))
                .expectException(AggregateNotFoundException.class);
    }
}
