package eu.gpuledger.ledger.webhook;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A version of a webhook's registration: the first, or a PUT with other content (which also enables a disabled
 * webhook again). During a secret rotation the previous secret stays valid until {@code previousSecretValidUntil},
 * and deliveries carry a signature with each (Standard Webhooks: several space-separated signatures).
 * <p>
 * The secrets are in the event because the ledger signs with them; they are never shown by the API.
 */
@Revision("1")
public record WebhookRegistered(WebhookId webhookId, int version, String url, WebhookSecret secret,
                                List<NoticeType> events, ProviderId providerId, ClusterName cluster,
                                WebhookSecret previousSecret, Instant previousSecretValidUntil) {
}
