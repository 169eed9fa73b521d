package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.invoicing.InvoicingDetails;
import org.axonframework.serialization.Revision;

/**
 * A provider's invoicing details were set: from now on its invoices name it so. An invoice issued before keeps the
 * details known at its issue time (docs/statement-documents.md).
 */
@Revision("1")
public record ProviderInvoicingDetailsSet(ProviderId providerId, InvoicingDetails details) {
}
