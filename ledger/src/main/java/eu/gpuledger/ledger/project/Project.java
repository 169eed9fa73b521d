package eu.gpuledger.ledger.project;

import eu.gpuledger.ledger.correction.CorrectionChangesNothing;
import eu.gpuledger.ledger.idempotency.ClientIds;
import eu.gpuledger.ledger.invoicing.InvoicingDetails;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A project (dossier): a principal investigator, an organisation, an audience, a sector and an access mode. */
@Aggregate
public class Project {

    @AggregateIdentifier
    private ProjectId projectId;
    private ProjectRegistered registration;
    private InvoicingDetails invoicingDetails;
    /** The description shown now: the registered one, or the last correction's. */
    private Description description;
    private final ClientIds<ProjectDescriptionCorrected> corrections = new ClientIds<>();

    private record Description(String title, String principalInvestigator, String organisation) {
    }

    protected Project() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterProject command) {
        ProjectRegistered registered = new ProjectRegistered(command.projectId(),
                InvalidInput.requireText(command.title(), "title"),
                InvalidInput.requireText(command.principalInvestigator(), "principalInvestigator"),
                InvalidInput.requireText(command.organisation(), "organisation"),
                InvalidInput.requirePresent(command.audience(), "audience"),
                InvalidInput.requireText(command.sector(), "sector"),
                InvalidInput.requirePresent(command.accessMode(), "accessMode"));
        if (ClientIds.isReplay("projectId", command.projectId(), registration, registered)) {
            return;
        }
        apply(registered);
    }

    /** A new description, as a new version: the registration is never edited (a PUT with another title stays a 409). */
    @CommandHandler
    public void handle(CorrectProjectDescription command) {
        ProjectDescriptionCorrected corrected = new ProjectDescriptionCorrected(projectId, command.correctionId(),
                InvalidInput.requireText(command.title(), "title"),
                InvalidInput.requireText(command.principalInvestigator(), "principalInvestigator"),
                InvalidInput.requireText(command.organisation(), "organisation"),
                InvalidInput.requireText(command.reason(), "reason"));
        if (corrections.isReplay("correctionId", command.correctionId().value(), corrected)) {
            return;
        }
        if (description.equals(new Description(corrected.title(), corrected.principalInvestigator(),
                corrected.organisation()))) {
            throw new CorrectionChangesNothing("project '" + projectId + "' is already described so");
        }
        apply(corrected);
    }

    @EventSourcingHandler
    void on(ProjectRegistered event) {
        projectId = event.projectId();
        registration = event;
        description = new Description(event.title(), event.principalInvestigator(), event.organisation());
    }

    @EventSourcingHandler
    void on(ProjectDescriptionCorrected event) {
        description = new Description(event.title(), event.principalInvestigator(), event.organisation());
        corrections.remember(event.correctionId().value(), event);
    }

    /** Invoicing details (docs/statement-documents.md): the same again changes nothing, other details replace them. */
    @CommandHandler
    public void handle(SetProjectInvoicingDetails command) {
        InvoicingDetails details = InvalidInput.requirePresent(command.details(), "details");
        if (details.equals(invoicingDetails)) {
            return;
        }
        apply(new ProjectInvoicingDetailsSet(command.projectId(), details));
    }

    @EventSourcingHandler
    void on(ProjectInvoicingDetailsSet event) {
        invoicingDetails = event.details();
    }
}
