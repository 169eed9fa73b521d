package eu.gpuledger.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** HTTP calls of the CLI; problems (RFC 9457) and failures to reach the ledger become readable errors. */
final class LedgerClient {

    /** Decimals are read as written ({@code "gpuHours": 100.00} prints as 100.00, not as the double 100.0). */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a document (a report over years, a statement of thousands of allocations) may take to come. */
    private static final Duration DOCUMENT_TIMEOUT = Duration.ofMinutes(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final String base;
    /** The bearer token sent with every request (docs/security.md); null sends none. */
    private final String token;

    /** @throws CliFailure when {@code base} is not an http(s) URL with a host */
    LedgerClient(String base, String token) {
        this.token = token;
        String trimmed = base.strip();
        assertUsableUrl(trimmed);
        this.base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static void assertUsableUrl(String base) {
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException malformed) {
            throw new CliFailure("LEDGER_URL '" + base + "' is not a valid URL: " + malformed.getMessage()
                    + " (expected e.g. " + LedgerCli.DEFAULT_URL + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CliFailure("LEDGER_URL '" + base + "' must start with http:// or https:// (expected e.g. "
                    + LedgerCli.DEFAULT_URL + ")");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new CliFailure("LEDGER_URL '" + base + "' names no host (expected e.g. " + LedgerCli.DEFAULT_URL
                    + ")");
        }
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    JsonNode post(String path, String contentType, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .timeout(Duration.ofHours(2)).POST(body).build());
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    /**
     * A document as the ledger writes it (a report or statement in JSON, CSV or PDF), its bytes untouched.
     *
     * @param accept the media type asked for, in the Accept header
     */
    byte[] document(String path, String accept) {
        return bytes(HttpRequest.newBuilder(uri(path)).header("Accept", accept + ", application/problem+json")
                .timeout(DOCUMENT_TIMEOUT).GET().build());
    }

    private URI uri(String path) {
        try {
            return new URI(base + path);
        } catch (URISyntaxException malformed) {
            throw new CliFailure("cannot form a URL from " + base + " and " + path + ": " + malformed.getMessage());
        }
    }

    private JsonNode send(HttpRequest request) {
        byte[] answer = bytes(request);
        String text = new String(answer, StandardCharsets.UTF_8);
        JsonNode body = parse(text);
        if (body == null) {
            throw new CliFailure("the answer from " + base + " is not JSON (is LEDGER_URL the ledger?): "
                    + abbreviated(text));
        }
        return body;
    }

    /** The body of a 2xx answer; any other is a {@link CliFailure} carrying the problem's detail. */
    private byte[] bytes(HttpRequest unauthenticated) {
        HttpRequest request = token == null ? unauthenticated
                : HttpRequest.newBuilder(unauthenticated, (name, value) -> true)
                .header("Authorization", "Bearer " + token).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                String text = new String(response.body(), StandardCharsets.UTF_8);
                JsonNode body = parse(text);
                String detail = body != null && body.hasNonNull("detail") ? body.get("detail").asText()
                        : abbreviated(text);
                throw new CliFailure("the ledger refused (" + response.statusCode() + "): " + detail
                        + (response.statusCode() == 401 ? LedgerCli.TOKEN_HINT : ""));
            }
            return response.body();
        } catch (ConnectException | HttpConnectTimeoutException unreachable) {
            throw unreachable();
        } catch (IOException e) {
            if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
                throw unreachable();
            }
            throw new CliFailure("talking to the ledger at " + base + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    private CliFailure unreachable() {
        return new CliFailure("cannot reach the ledger at " + base
                + " (is it running? scripts/run starts it; LEDGER_URL or --url names it)");
    }

    /** The body as JSON; an empty body is JSON null; null when it is not JSON at all. */
    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String abbreviated(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /** A failure to show the user, without a stack trace. */
    static final class CliFailure extends RuntimeException {
        CliFailure(String message) {
            super(message);
        }
    }
}
