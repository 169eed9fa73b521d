package eu.gpuledger.ledger.project;

import eu.gpuledger.ledger.invoicing.InvoicingDetails;
import org.axonframework.serialization.Revision;

/**
 * A project's invoicing details were set: the organisation its paid use is invoiced to. An invoice issued before
 * keeps the details known at its issue time (docs/statement-documents.md).
 */
@Revision("1")
public record ProjectInvoicingDetailsSet(ProjectId projectId, InvoicingDetails details) {
}
