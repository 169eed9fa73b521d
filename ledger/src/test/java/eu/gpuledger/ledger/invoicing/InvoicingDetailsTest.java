package eu.gpuledger.ledger.invoicing;

import eu.gpuledger.ledger.catalogue.Provider;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderInvoicingDetailsSet;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.catalogue.ProviderRegistered;
import eu.gpuledger.ledger.catalogue.SetProviderInvoicingDetails;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.Project;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.ProjectInvoicingDetailsSet;
import eu.gpuledger.ledger.project.ProjectRegistered;
import eu.gpuledger.ledger.project.SetProjectInvoicingDetails;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A provider (the seller) and a project's organisation (the buyer) are given the details an invoice names them by. */
class InvoicingDetailsTest {

    private static final ProviderId CALCUL = ProviderId.of("calcul-prive");
    private static final ProjectId LMD = ProjectId.of("prj-lmd");
    private static final InvoicingDetails SELLER = InvoicingDetails.of("Calcul Privé SAS", "12 rue des Serveurs",
            "91120", "Palaiseau", "FR", "FR40303265045", "303265045", "0002");
    private static final InvoicingDetails MOVED = InvoicingDetails.of("Calcul Privé SAS", "1 avenue Nouvelle",
            "91120", "Palaiseau", "FR", "FR40303265045", "303265045", "0002");
    private static final InvoicingDetails BUYER = InvoicingDetails.of("Laboratoire de Météorologie", "4 place Jussieu",
            "75005", "Paris", "FR", null, null, null);

    private final AggregateTestFixture<Provider> providers = new AggregateTestFixture<>(Provider.class);
    private final AggregateTestFixture<Project> projects = new AggregateTestFixture<>(Project.class);

    private static ProviderRegistered registered() {
        return new ProviderRegistered(CALCUL, "Calcul Privé", ProviderKind.PRIVATE, false, null);
    }

    @Test
    void a_providers_invoicing_details_are_set() {
        providers.given(registered()).when(new SetProviderInvoicingDetails(CALCUL, SELLER))
                .expectEvents(new ProviderInvoicingDetailsSet(CALCUL, SELLER));
    }

    @Test
    void the_same_details_again_change_nothing_and_others_replace_them() {
        providers.given(registered(), new ProviderInvoicingDetailsSet(CALCUL, SELLER))
                .when(new SetProviderInvoicingDetails(CALCUL, SELLER)).expectSuccessfulHandlerExecution()
                .expectNoEvents();
        providers.given(registered(), new ProviderInvoicingDetailsSet(CALCUL, SELLER))
                .when(new SetProviderInvoicingDetails(CALCUL, MOVED))
                .expectEvents(new ProviderInvoicingDetailsSet(CALCUL, MOVED));
    }

    @Test
    void a_projects_organisation_is_given_its_invoicing_details() {
        projects.given(new ProjectRegistered(LMD, "Climate", "A. Martin", "LMD", Audience.ACADEMIC, "climate",
                        AccessMode.values()[0]))
                .when(new SetProjectInvoicingDetails(LMD, BUYER))
                .expectEvents(new ProjectInvoicingDetailsSet(LMD, BUYER));
    }

    @Test
    void details_without_a_mandatory_field_are_refused_naming_it() {
        assertThatThrownBy(() -> InvoicingDetails.of("Calcul", "12 rue", "91120", " ", "FR", null, null, null))
                .isInstanceOfSatisfying(InvalidInput.class, refused -> assertThat(refused.field()).isEqualTo("city"));
        assertThatThrownBy(() -> InvoicingDetails.of("Calcul", "12 rue", "91120", "Palaiseau", "France", null, null,
                null)).isInstanceOfSatisfying(InvalidInput.class,
                refused -> assertThat(refused.field()).isEqualTo("countryCode"));
        assertThatThrownBy(() -> InvoicingDetails.of("Calcul", "12 rue", "91120", "Palaiseau", "FR", null,
                "303265045", null)).isInstanceOfSatisfying(InvalidInput.class,
                refused -> assertThat(refused.field()).isEqualTo("legalRegistrationScheme"));
        assertThatThrownBy(() -> InvoicingDetails.of("Calcul", "12 rue", "91120", "Palaiseau", "FR", "x".repeat(300),
                null, null)).isInstanceOfSatisfying(InvalidInput.class,
                refused -> assertThat(refused.field()).isEqualTo("vatId"));
    }
}
