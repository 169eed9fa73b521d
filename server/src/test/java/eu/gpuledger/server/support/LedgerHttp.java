package eu.gpuledger.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A small HTTP client for tests that talk to the running ledger as an outside script would: with the test run's
 * administrator token ({@link TestTokens#ADMIN}) unless made {@link #as} another token or {@link #anonymous}.
 */
public final class LedgerHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    /** The bearer token sent with every request; null sends none. */
    private final String token;

    public LedgerHttp(int port) {
        this("http://localhost:" + port, TestTokens.ADMIN);
    }

    private LedgerHttp(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same ledger, with {@code bearerToken} on every request. */
    public LedgerHttp as(String bearerToken) {
        return new LedgerHttp(base, bearerToken);
    }

    /** The same ledger, without any token. */
    public LedgerHttp anonymous() {
        return new LedgerHttp(base, null);
    }

    /** The status, the body as JSON when it is JSON, the body as text, the Content-Type ("" when none), the headers. */
    public record Answer(int status, JsonNode body, String text, String contentType, java.net.http.HttpHeaders headers) {
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer post(String path, String json) {
        return post(path, json, "application/json");
    }

    public Answer post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Answer delete(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Reads until the answer satisfies {@code done}, at most 20 s; past that the test fails with the last answer. */
    public Answer await(String path, Predicate<Answer> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Answer answer = get(path);
        while (!satisfies(done, answer)) {
            if (System.nanoTime() - deadline >= 0) {
                // a caller that forgot to assert on the answer must not pass on a condition never met
                throw new AssertionError("GET " + path + " did not reach the awaited state within 20 s; last answer "
                        + answer.status() + ": " + answer.text());
            }
            sleep();
            answer = get(path);
        }
        return answer;
    }

    /** A read model that is not there yet (404, no body) is simply not done. */
    private static boolean satisfies(Predicate<Answer> done, Answer answer) {
        try {
            return done.test(answer);
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A GET whose answer is read as bytes (a PDF, a Factur-X file), with the client's token. */
    public HttpResponse<byte[]> bytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request of the test's own making (other headers, a streamed body), sent to the ledger. */
    public Answer send(HttpRequest.Builder request, String path) {
        return send(request.uri(URI.create(base + path)).build());
    }

    private Answer send(HttpRequest request) {
        if (token != null && request.headers().firstValue("Authorization").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", "Bearer " + token).build();
        }
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !response.body().isBlank()) {
                body = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), body, response.body(), type, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
