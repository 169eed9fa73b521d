package eu.gpuledger.ledger.correction;

import eu.gpuledger.ledger.catalogue.Cluster;
import eu.gpuledger.ledger.catalogue.ClusterDeclared;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ClusterTimeZoneCorrected;
import eu.gpuledger.ledger.catalogue.CorrectClusterTimeZone;
import eu.gpuledger.ledger.catalogue.CorrectProviderName;
import eu.gpuledger.ledger.catalogue.Provider;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.catalogue.ProviderRegistered;
import eu.gpuledger.ledger.catalogue.ProviderRenamed;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.CorrectProjectDescription;
import eu.gpuledger.ledger.project.Project;
import eu.gpuledger.ledger.project.ProjectDescriptionCorrected;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.ProjectRegistered;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

/** Descriptive data is corrected by a new version, never by editing the registration (issue 16). */
class CorrectionsTest {

    private static final ProviderId IDRIS = ProviderId.of("idris");
    private static final ClusterName JEAN_ZAY = ClusterName.of("jean-zay");
    private static final ProjectId CLIMATE = ProjectId.of("2026-A0191012641");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final AggregateTestFixture<Provider> providers = new AggregateTestFixture<>(Provider.class);
    private final FixtureConfiguration<Cluster> clusters = new AggregateTestFixture<>(Cluster.class)
            .registerInjectableResource(new InMemoryDirectory());
    private final AggregateTestFixture<Project> projects = new AggregateTestFixture<>(Project.class);

    private static final ProviderRegistered IDRS_TYPO =
            new ProviderRegistered(IDRIS, "IDRS", ProviderKind.PUBLIC, false, null);
    private static final ProjectRegistered CLIMATE_REGISTERED = new ProjectRegistered(CLIMATE, "Climate dowscaling",
            "C. Durand", "Meteo France", Audience.PUBLIC_SERVICE, "climate", AccessMode.GENCI_REGULAR);

    private static CorrectionId id(String value) {
        return CorrectionId.of(value);
    }

    @Test
    void a_provider_s_name_is_corrected_by_a_new_version_with_its_reason() {
        providers.given(IDRS_TYPO)
                .when(new CorrectProviderName(IDRIS, id("c-1"), "IDRIS", "typo at registration"))
                .expectEvents(new ProviderRenamed(IDRIS, id("c-1"), "IDRIS", "typo at registration"));
    }

    @Test
    void registering_the_provider_again_with_the_corrected_name_is_still_a_conflict() {
        providers.given(IDRS_TYPO, new ProviderRenamed(IDRIS, id("c-1"), "IDRIS", "typo"))
                .when(new RegisterProvider(IDRIS, "IDRIS", ProviderKind.PUBLIC, false, null))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_correction_sent_again_changes_nothing_and_with_other_content_is_a_conflict() {
        ProviderRenamed renamed = new ProviderRenamed(IDRIS, id("c-1"), "IDRIS", "typo");
        providers.given(IDRS_TYPO, renamed).when(new CorrectProviderName(IDRIS, id("c-1"), "IDRIS", "typo"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        providers.given(IDRS_TYPO, renamed).when(new CorrectProviderName(IDRIS, id("c-1"), "IDRIS (CNRS)", "typo"))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_correction_that_changes_nothing_is_refused_by_name() {
        providers.given(IDRS_TYPO).when(new CorrectProviderName(IDRIS, id("c-1"), "IDRS", "nothing"))
                .expectException(CorrectionChangesNothing.class).expectNoEvents();
        providers.given(IDRS_TYPO, new ProviderRenamed(IDRIS, id("c-1"), "IDRIS", "typo"))
                .when(new CorrectProviderName(IDRIS, id("c-2"), "IDRIS", "again"))
                .expectException(CorrectionChangesNothing.class);
    }

    @Test
    void a_name_may_be_corrected_back_to_an_earlier_version() {
        providers.given(IDRS_TYPO, new ProviderRenamed(IDRIS, id("c-1"), "IDRIS", "typo"))
                .when(new CorrectProviderName(IDRIS, id("c-2"), "IDRS", "the acronym was right after all"))
                .expectEvents(new ProviderRenamed(IDRIS, id("c-2"), "IDRS", "the acronym was right after all"));
    }

    @Test
    void a_correction_needs_a_reason() {
        providers.given(IDRS_TYPO).when(new CorrectProviderName(IDRIS, id("c-1"), "IDRIS", " "))
                .expectException(InvalidInput.class);
    }

    @Test
    void a_cluster_s_time_zone_is_corrected_by_a_new_version_and_refused_when_it_is_the_same() {
        ClusterDeclared declared = new ClusterDeclared(JEAN_ZAY, IDRIS, UTC);
        clusters.given(declared).when(new CorrectClusterTimeZone(JEAN_ZAY, id("tz-1"), PARIS, "sacct prints local"))
                .expectEvents(new ClusterTimeZoneCorrected(JEAN_ZAY, id("tz-1"), PARIS, "sacct prints local"));
        clusters.given(declared).when(new CorrectClusterTimeZone(JEAN_ZAY, id("tz-1"), UTC, "no change"))
                .expectException(CorrectionChangesNothing.class);
        clusters.given(declared, new ClusterTimeZoneCorrected(JEAN_ZAY, id("tz-1"), PARIS, "local"))
                .when(new CorrectClusterTimeZone(JEAN_ZAY, id("tz-1"), PARIS, "local"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_project_s_description_is_corrected_whole_and_refused_when_it_is_the_same() {
        projects.given(CLIMATE_REGISTERED)
                .when(new CorrectProjectDescription(CLIMATE, id("p-1"), "Climate downscaling", "C. Durand",
                        "Météo-France", "typos"))
                .expectEvents(new ProjectDescriptionCorrected(CLIMATE, id("p-1"), "Climate downscaling",
                        "C. Durand", "Météo-France", "typos"));
        projects.given(CLIMATE_REGISTERED)
                .when(new CorrectProjectDescription(CLIMATE, id("p-1"), "Climate dowscaling", "C. Durand",
                        "Meteo France", "nothing"))
                .expectException(CorrectionChangesNothing.class);
    }
}
