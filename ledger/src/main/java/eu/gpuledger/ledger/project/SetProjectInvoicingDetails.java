package eu.gpuledger.ledger.project;

import eu.gpuledger.ledger.invoicing.InvoicingDetails;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a project's organisation the details its invoices name it by, as the buyer (docs/statement-documents.md). */
public record SetProjectInvoicingDetails(@TargetAggregateIdentifier ProjectId projectId, InvoicingDetails details) {
}
