package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.catalogue.CatalogueCommands.DeclareCluster;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;

class ProviderAndClusterTest {

    private static final ProviderId TGCC = ProviderId.of("tgcc");
    private static final ClusterName IRENE = ClusterName.of("irene");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final AggregateTestFixture<Provider> providers = new AggregateTestFixture<>(Provider.class);
    private final InMemoryDirectory directory = new InMemoryDirectory()
            .record(new ProviderRegistered(TGCC, "TGCC (CEA)", ProviderKind.PUBLIC, true, BigDecimal.valueOf(50)));
    private final FixtureConfiguration<Cluster> clusters = new AggregateTestFixture<>(Cluster.class)
            .registerInjectableResource(directory);

    private static RegisterProvider euroHpcHosted(String juSharePercent) {
        return new RegisterProvider(TGCC, "TGCC (CEA)", ProviderKind.PUBLIC, true, new BigDecimal(juSharePercent));
    }

    private static ProviderRegistered registered(String juSharePercent) {
        return new ProviderRegistered(TGCC, "TGCC (CEA)", ProviderKind.PUBLIC, true, new BigDecimal(juSharePercent));
    }

    @Test
    void a_euro_hpc_hosted_provider_is_registered_with_the_ju_share() {
        providers.givenNoPriorActivity().when(euroHpcHosted("50")).expectEvents(registered("50"));
    }

    @Test
    void registering_a_provider_again_with_the_same_content_changes_nothing() {
        providers.given(registered("50")).when(euroHpcHosted("50")).expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void registering_a_provider_again_with_other_content_is_a_conflict() {
        providers.given(registered("50")).when(euroHpcHosted("40")).expectException(IdempotencyConflict.class);
    }

    @Test
    void the_ju_share_is_at_most_half_of_the_machine() {
        providers.givenNoPriorActivity().when(euroHpcHosted("50.01")).expectException(InvalidInput.class);
    }

    @Test
    void the_ju_share_is_never_negative() {
        providers.givenNoPriorActivity().when(euroHpcHosted("-1")).expectException(InvalidInput.class);
    }

    @Test
    void only_a_euro_hpc_hosted_system_has_a_ju_share() {
        providers.givenNoPriorActivity()
                .when(new RegisterProvider(TGCC, "TGCC (CEA)", ProviderKind.PUBLIC, false, BigDecimal.TEN))
                .expectException(InvalidInput.class);
    }

    @Test
    void a_private_provider_without_a_ju_share_is_registered() {
        RegisterProvider cloud = new RegisterProvider(ProviderId.of("cloud-1"), "GPU cloud", ProviderKind.PRIVATE,
                false, null);
        providers.givenNoPriorActivity().when(cloud).expectEvents(new ProviderRegistered(ProviderId.of("cloud-1"),
                "GPU cloud", ProviderKind.PRIVATE, false, null));
    }

    @Test
    void a_provider_has_a_name() {
        providers.givenNoPriorActivity()
                .when(new RegisterProvider(TGCC, "", ProviderKind.PUBLIC, false, null))
                .expectException(InvalidInput.class);
    }

    @Test
    void a_cluster_is_declared_with_the_time_zone_of_its_accounting() {
        clusters.givenNoPriorActivity()
                .when(new DeclareCluster(IRENE, TGCC, PARIS))
                .expectEvents(new ClusterDeclared(IRENE, TGCC, PARIS));
    }

    @Test
    void a_cluster_of_a_provider_the_ledger_does_not_know_is_refused() {
        clusters.givenNoPriorActivity()
                .when(new DeclareCluster(IRENE, ProviderId.of("cines"), PARIS))
                .expectException(UnknownReference.class)
                .expectNoEvents();
    }

    @Test
    void declaring_a_cluster_again_with_the_same_content_changes_nothing() {
        clusters.given(new ClusterDeclared(IRENE, TGCC, PARIS))
                .when(new DeclareCluster(IRENE, TGCC, PARIS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void declaring_a_cluster_again_in_another_time_zone_is_a_conflict() {
        clusters.given(new ClusterDeclared(IRENE, TGCC, PARIS))
                .when(new DeclareCluster(IRENE, TGCC, ZoneId.of("UTC")))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_cluster_has_a_time_zone() {
        clusters.givenNoPriorActivity()
                .when(new DeclareCluster(IRENE, TGCC, null))
                .expectException(InvalidInput.class);
    }
}
