package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.invoicing.InvoicingDetails;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a provider the details its invoices name it by, as the seller (docs/statement-documents.md). */
public record SetProviderInvoicingDetails(@TargetAggregateIdentifier ProviderId providerId,
                                          InvoicingDetails details) {
}
