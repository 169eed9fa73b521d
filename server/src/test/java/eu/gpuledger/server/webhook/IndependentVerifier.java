package eu.gpuledger.server.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Signatures checked by an implementation of the specification that shares nothing with the ledger: a Python script
 * using only hmac, hashlib and base64 (src/test/resources/webhooks/verify_standard_webhook.py). The official Java
 * library (com.standardwebhooks) is not among the packages this project's machines resolve.
 */
final class IndependentVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndependentVerifier() {
    }

    /** One verdict per request ("ok" or "bad: …"), each checked with {@code secret}. */
    static List<String> verdicts(String secret, List<WebhookReceiver.Received> requests) throws Exception {
        Path script = Files.createTempFile("verify_standard_webhook", ".py");
        try (var in = IndependentVerifier.class.getResourceAsStream("/webhooks/verify_standard_webhook.py")) {
            Files.write(script, in.readAllBytes());
        }
        StringBuilder input = new StringBuilder();
        for (WebhookReceiver.Received request : requests) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("secret", secret);
            line.put("id", request.id());
            line.put("timestamp", request.timestamp());
            line.put("body", request.body());
            line.put("signature", request.signature());
            line.put("now", request.at().getEpochSecond());
            input.append(JSON.writeValueAsString(line)).append('\n');
        }
        Process python = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        python.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new AssertionError("the verifier failed: " + output);
        }
        Files.delete(script);
        return new ArrayList<>(output.lines().toList());
    }
}
