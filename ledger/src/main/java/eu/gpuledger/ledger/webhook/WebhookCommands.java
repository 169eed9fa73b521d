package eu.gpuledger.ledger.webhook;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

/** Commands of webhook registrations. */
public final class WebhookCommands {

    private WebhookCommands() {
    }

    /**
     * Registers a webhook, or registers a new version of it when the content differs (a PUT).
     *
     * @param secret          the client's secret; null keeps the current one, or takes {@code generatedSecret} for a
     *                        new registration
     * @param generatedSecret a fresh secret the edge drew, used only when a new registration names none
     * @param providerId      only notices about this provider's allocations; null: every provider's (administrators)
     * @param cluster         only notices about this cluster's allocations; null: every cluster's
     * @param requestedAt     when the request came: the old secret of a rotation stays valid from then on for the
     *                        configured overlap
     */
    public record RegisterWebhook(@TargetAggregateIdentifier WebhookId webhookId, URI url, WebhookSecret secret,
                                  WebhookSecret generatedSecret, Set<NoticeType> events, ProviderId providerId,
                                  ClusterName cluster, Instant requestedAt) {
    }

    /** What a registration answers: its version, and the secret when the ledger drew it now (shown once). */
    public record Registration(WebhookId webhookId, int version, boolean created, WebhookSecret generatedSecret) {
    }

    /** Stops deliveries to a webhook: at the client's request, or because the receiver answered 410 Gone. */
    public record DisableWebhook(@TargetAggregateIdentifier WebhookId webhookId, WebhookDisabled.Cause cause,
                                 String detail) {
    }
}
