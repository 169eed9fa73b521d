package eu.gpuledger.server.statement;

import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.invoicing.InvoicingDetails;
import eu.gpuledger.ledger.project.ProjectInvoicingDetailsSet;
import eu.gpuledger.ledger.catalogue.ProviderInvoicingDetailsSet;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.reports.statement.invoice.InvoiceParty;
import eu.gpuledger.reports.statement.invoice.InvoicePartyIncomplete;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The parties of an invoice as known at an instant (docs/statement-documents.md): the provider is the seller, the
 * project's organisation the buyer, each by the invoicing details last set by then. Read from the aggregate's own
 * events rather than a read model, filtered by the instant they were recorded, so that an issued invoice names its
 * parties as they were at its issue time whatever was set since, and regenerates to the same bytes.
 */
@Component
public class InvoicingParties {

    private final EventStore eventStore;

    public InvoicingParties(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public InvoiceParty seller(ProviderId providerId, Instant knownAt) {
        InvoicingDetails details = null;
        DomainEventStream events = eventStore.readEvents(providerId.value());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (!event.getTimestamp().isAfter(knownAt) && event.getPayload() instanceof ProviderInvoicingDetailsSet set) {
                details = set.details();
            }
        }
        if (details == null) {
            throw new InvoicePartyIncomplete("seller", "invoicingDetails", "are not set for provider "
                    + providerId.value() + " (PUT /api/v1/providers/" + providerId.value() + "/invoicing-details)");
        }
        return party(details);
    }

    public InvoiceParty buyer(ProjectId projectId, Instant knownAt) {
        InvoicingDetails details = null;
        DomainEventStream events = eventStore.readEvents(projectId.value());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (!event.getTimestamp().isAfter(knownAt) && event.getPayload() instanceof ProjectInvoicingDetailsSet set) {
                details = set.details();
            }
        }
        if (details == null) {
            throw new InvoicePartyIncomplete("buyer", "invoicingDetails", "are not set for project "
                    + projectId.value() + " (PUT /api/v1/projects/" + projectId.value() + "/invoicing-details)");
        }
        return party(details);
    }

    private static InvoiceParty party(InvoicingDetails details) {
        return new InvoiceParty(details.name(), details.street(), details.postcode(), details.city(),
                details.countryCode(), details.vatId(), details.legalRegistrationId(),
                details.legalRegistrationScheme());
    }
}
