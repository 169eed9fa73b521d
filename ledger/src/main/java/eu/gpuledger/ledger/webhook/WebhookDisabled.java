package eu.gpuledger.ledger.webhook;

import org.axonframework.serialization.Revision;

/** Deliveries to the webhook stopped; a later registration with a PUT enables it again. */
@Revision("1")
public record WebhookDisabled(WebhookId webhookId, Cause cause, String detail) {

    public enum Cause {
        /** The client asked (DELETE /webhooks/{webhookId}). */
        REQUESTED,
        /** The receiver answered 410 Gone: the Standard Webhooks signal to stop sending. */
        GONE
    }
}
