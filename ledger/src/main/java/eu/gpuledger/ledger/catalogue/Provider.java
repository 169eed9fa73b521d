package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.correction.CorrectionChangesNothing;
import eu.gpuledger.ledger.idempotency.ClientIds;
import eu.gpuledger.ledger.invoicing.InvoicingDetails;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A provider (centre or private cloud). Registered once; registering again with the same content is a no-op. */
@Aggregate
public class Provider {

    /** Regulation 2021/1173 art. 17: the JU owns up to 50% of an AI-optimised system's time. */
    public static final BigDecimal JU_SHARE_PERCENT_MAX = BigDecimal.valueOf(LedgerLimits.JU_SHARE_PERCENT_MAX);

    @AggregateIdentifier
    private ProviderId providerId;
    private ProviderRegistered registration;
    private InvoicingDetails invoicingDetails;
    /** The name shown now: the registered one, or the last correction's. */
    private String name;
    private final ClientIds<ProviderRenamed> corrections = new ClientIds<>();

    protected Provider() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterProvider command) {
        ProviderRegistered registered = new ProviderRegistered(command.providerId(),
                InvalidInput.requireText(command.name(), "name"), InvalidInput.requirePresent(command.kind(), "kind"),
                command.euroHpcHosted(), command.juSharePercent());
        if (ClientIds.isReplay("providerId", command.providerId(), registration, registered)) {
            return;
        }
        assertValidJuShare(command);
        apply(registered);
    }

    /** A new name, as a new version: the registration is never edited (a PUT with another name stays a 409). */
    @CommandHandler
    public void handle(CorrectProviderName command) {
        ProviderRenamed renamed = new ProviderRenamed(providerId, command.correctionId(),
                InvalidInput.requireText(command.name(), "name"), InvalidInput.requireText(command.reason(), "reason"));
        if (corrections.isReplay("correctionId", command.correctionId().value(), renamed)) {
            return;
        }
        if (renamed.name().equals(name)) {
            throw new CorrectionChangesNothing("provider '" + providerId + "' is already named '" + name + "'");
        }
        apply(renamed);
    }

    private static void assertValidJuShare(RegisterProvider command) {
        BigDecimal share = command.juSharePercent();
        if (share == null) {
            return;
        }
        if (!command.euroHpcHosted()) {
            throw new InvalidInput("juSharePercent", "is only for EuroHPC-hosted systems (euroHpcHosted: true)");
        }
        if (share.signum() < 0 || share.compareTo(JU_SHARE_PERCENT_MAX) > 0) {
            throw new InvalidInput("juSharePercent", "must be between 0 and " + JU_SHARE_PERCENT_MAX + ", got " + share);
        }
    }

    @EventSourcingHandler
    void on(ProviderRegistered event) {
        providerId = event.providerId();
        registration = event;
        name = event.name();
    }

    @EventSourcingHandler
    void on(ProviderRenamed event) {
        name = event.name();
        corrections.remember(event.correctionId().value(), event);
    }

    /** Invoicing details (docs/statement-documents.md): the same again changes nothing, other details replace them. */
    @CommandHandler
    public void handle(SetProviderInvoicingDetails command) {
        InvoicingDetails details = InvalidInput.requirePresent(command.details(), "details");
        if (details.equals(invoicingDetails)) {
            return;
        }
        apply(new ProviderInvoicingDetailsSet(command.providerId(), details));
    }

    @EventSourcingHandler
    void on(ProviderInvoicingDetailsSet event) {
        invoicingDetails = event.details();
    }
}
