package eu.gpuledger.server.webhook;

import eu.gpuledger.ledger.webhook.WebhookSecret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Standard Webhooks 1.0 signature: {@code v1,} and the base64 of HMAC-SHA256 keyed with the secret's bytes over
 * {@code id.timestamp.body}; one per valid secret, separated by spaces (a rotation signs with both).
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String header(List<WebhookSecret> secrets, String webhookId, long timestampSeconds, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a signature needs a secret");
        }
        String signed = webhookId + "." + timestampSeconds + "." + body;
        return secrets.stream().map(secret -> "v1," + sign(secret, signed)).collect(Collectors.joining(" "));
    }

    private static String sign(WebhookSecret secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.keyBytes(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", missing);
        }
    }
}
