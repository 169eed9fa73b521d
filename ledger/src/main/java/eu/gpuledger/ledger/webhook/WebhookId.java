package eu.gpuledger.ledger.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A webhook registration, named by the client that registers it (PUT /webhooks/{webhookId}). */
public record WebhookId(String value) {

    public WebhookId {
        Identifiers.requirePresent(value, "webhookId");
    }

    @JsonCreator
    public static WebhookId of(String value) {
        return new WebhookId(value);
    }

    public static WebhookId parse(String value, String field) {
        return new WebhookId(Identifiers.require(value, field));
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
