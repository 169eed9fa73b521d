package eu.gpuledger.ledger.project;

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

    @EventSourcingHandler
    void on(ProjectRegistered event) {
        projectId = event.projectId();
        registration = event;
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
