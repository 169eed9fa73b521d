package eu.gpuledger.ledger.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.refusal.InvalidInput;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} and the base64 of 24 to 64 random bytes (the specification's
 * bounds). The bytes, not the text, are the HMAC key. Never shown by {@link #toString()}.
 */
public record WebhookSecret(String value) {

    public static final String PREFIX = "whsec_";
    public static final int BYTES_MIN = 24;
    public static final int BYTES_MAX = 64;
    /** What a generated secret holds: 256 bits. */
    public static final int GENERATED_BYTES = 32;

    public WebhookSecret {
        if (value == null) {
            throw new IllegalArgumentException("a secret has a value");
        }
    }

    @JsonCreator
    public static WebhookSecret of(String value) {
        return new WebhookSecret(value);
    }

    /** A secret as a client sent it: {@code whsec_} and base64 of 24 to 64 bytes, or refused naming {@code field}. */
    public static WebhookSecret parse(String value, String field) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new InvalidInput(field, "must be a Standard Webhooks secret: " + PREFIX + " and base64 of "
                    + BYTES_MIN + " to " + BYTES_MAX + " random bytes");
        }
        if (value.length() > PREFIX.length() + 4 * ((BYTES_MAX + 2) / 3)) {
            throw new InvalidInput(field, "holds more than " + BYTES_MAX + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidInput(field, "must be " + PREFIX + " followed by standard base64");
        }
        if (bytes.length < BYTES_MIN || bytes.length > BYTES_MAX) {
            throw new InvalidInput(field, "must hold " + BYTES_MIN + " to " + BYTES_MAX + " bytes, got " + bytes.length);
        }
        return new WebhookSecret(value);
    }

    public static WebhookSecret generate(SecureRandom random) {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(bytes));
    }

    /** The HMAC key. */
    public byte[] keyBytes() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
