package eu.gpuledger.ledger.webhook;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.access.OutOfScope;
import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.webhook.WebhookCommands.DisableWebhook;
import eu.gpuledger.ledger.webhook.WebhookCommands.RegisterWebhook;
import eu.gpuledger.ledger.webhook.WebhookCommands.Registration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A webhook registration (API.md, PUT /webhooks/{webhookId}). A PUT with the same content changes nothing; with
 * other content it registers a new version; a new secret starts a rotation during which the old one still signs.
 * A registration belongs to the provider it names: only that provider's accountants (and administrators) change it.
 */
@Aggregate
public class Webhook {

    @AggregateIdentifier
    private WebhookId webhookId;
    private WebhookRegistered current;
    private boolean enabled;

    protected Webhook() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Registration handle(RegisterWebhook command, WebhookPolicy policy, MetaData metadata) {
        boolean created = current == null;
        if (!created) {
            assertManagedBy(metadata, current.providerId());
        }
        policy.assertRegistrable(command.url());
        List<NoticeType> events = assertSomeEvents(command);
        WebhookSecret secret = command.secret() != null ? command.secret()
                : created ? Objects.requireNonNull(command.generatedSecret(), "generatedSecret") : current.secret();
        if (!created && enabled && isSameContent(command, events, secret)) {
            return new Registration(webhookId, current.version(), false, null);
        }
        WebhookSecret previousSecret = null;
        Instant previousValidUntil = null;
        if (!created && !secret.equals(current.secret())) {
            previousSecret = current.secret();
            previousValidUntil = command.requestedAt().plus(policy.secretOverlap());
        } else if (!created && current.previousSecret() != null) {
            previousSecret = current.previousSecret();
            previousValidUntil = current.previousSecretValidUntil();
        }
        int version = created ? 1 : current.version() + 1;
        apply(new WebhookRegistered(command.webhookId(), version, command.url().toString(), secret, events,
                command.providerId(), command.cluster(), previousSecret, previousValidUntil));
        return new Registration(command.webhookId(), version, created,
                created && command.secret() == null ? secret : null);
    }

    @CommandHandler
    public void handle(DisableWebhook command, MetaData metadata) {
        assertManagedBy(metadata, current.providerId());
        if (!enabled) {
            return;
        }
        apply(new WebhookDisabled(command.webhookId(), command.cause(), command.detail()));
    }

    /** Notices of no type would never be sent: a registration names at least one. */
    private static List<NoticeType> assertSomeEvents(RegisterWebhook command) {
        if (command.events() == null || command.events().isEmpty()) {
            throw new InvalidInput("events", "must name at least one of " + List.of(NoticeType.values()));
        }
        return command.events().stream().sorted().toList();
    }

    /** A registration of a provider is changed by those who manage that provider; one of no provider, by admins. */
    private static void assertManagedBy(MetaData metadata, ProviderId owner) {
        Actor.of(metadata).ifPresent(actor -> {
            boolean manages = owner == null ? actor.has(Role.ADMIN)
                    : actor.managesProvider(owner);
            if (!manages) {
                throw new OutOfScope(actor.principal() + " may not change a webhook of "
                        + (owner == null ? "every provider" : "provider " + owner));
            }
        });
    }

    private boolean isSameContent(RegisterWebhook command, List<NoticeType> events, WebhookSecret secret) {
        return current.url().equals(command.url().toString()) && current.events().equals(events)
                && Objects.equals(current.providerId(), command.providerId())
                && Objects.equals(current.cluster(), command.cluster()) && current.secret().equals(secret);
    }

    @EventSourcingHandler
    void on(WebhookRegistered event) {
        webhookId = event.webhookId();
        current = event;
        enabled = true;
    }

    @EventSourcingHandler
    void on(WebhookDisabled event) {
        enabled = false;
    }
}
