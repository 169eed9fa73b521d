package eu.gpuledger.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP calls of the CLI; problems (RFC 9457) become readable errors. */
final class LedgerClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    LedgerClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    JsonNode post(String path, String contentType, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .timeout(Duration.ofHours(2)).POST(body).build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                String detail = body.hasNonNull("detail") ? body.get("detail").asText() : response.body();
                throw new CliFailure("the ledger refused (" + response.statusCode() + "): " + detail);
            }
            return body;
        } catch (ConnectException refused) {
            throw new CliFailure("cannot reach the ledger at " + base + " (is it running? scripts/run starts it)");
        } catch (IOException e) {
            throw new CliFailure("talking to the ledger at " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    /** A failure to show the user, without a stack trace. */
    static final class CliFailure extends RuntimeException {
        CliFailure(String message) {
            super(message);
        }
    }
}
