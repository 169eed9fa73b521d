package eu.gpuledger.ledger.invoicing;

import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands that give a provider (the seller) or a project's organisation (the buyer) its invoicing details. */
public final class InvoicingCommands {

    private InvoicingCommands() {
    }

    public record SetProviderInvoicingDetails(@TargetAggregateIdentifier ProviderId providerId,
                                              InvoicingDetails details) {
    }

    public record SetProjectInvoicingDetails(@TargetAggregateIdentifier ProjectId projectId,
                                             InvoicingDetails details) {
    }
}
