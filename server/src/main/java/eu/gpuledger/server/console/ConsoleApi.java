package eu.gpuledger.server.console;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's only way to the ledger: its own HTTP API ({@code /api/v1}), on this node's port, with the signed-in
 * person's bearer token. So every rule, scope check, idempotency key, bound and problem detail a script meets, the
 * console meets too, and it has no path to the data of its own (docs/console.md).
 *
 * <p>JSON answers come back as maps and lists, which the templates read by member name; an answer that is not a
 * success is thrown as {@link ApiProblem.Refused} with the API's problem details.
 */
@Component
public class ConsoleApi {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Environment environment;
    private final ConsoleBearer bearer;
    private final JsonMapper json;

    public ConsoleApi(Environment environment, ConsoleBearer bearer, JsonMapper json) {
        this.environment = environment;
        this.bearer = bearer;
        this.json = json;
    }

    /** An answer of the API: its status, its body (JSON read as maps and lists, else the bytes) and headers. */
    public record Answer(int status, Object body, byte[] bytes, String contentType, Map<String, List<String>> headers) {

        /** The body as a JSON object; empty map when the answer had none. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return body instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /**
     * A path under {@code /api/v1} with its variables expanded and encoded, and the query parameters that have a value
     * (null and blank ones left out, as a form's empty filters are).
     */
    public static String path(String template, Map<String, ?> query, Object... variables) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(template);
        if (query != null) {
            query.forEach((name, value) -> {
                if (value != null && !value.toString().isBlank()) {
                    uri.queryParam(name, value.toString().strip());
                }
            });
        }
        return uri.buildAndExpand(variables).encode().toUriString();
    }

    public static String path(String template, Object... variables) {
        return path(template, null, variables);
    }

    /** GET of a JSON object. */
    public Map<String, Object> get(String path) {
        return send("GET", path, null, null).object();
    }

    /** GET of a JSON array (the catalogue's lists), each element a JSON object. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String path) {
        Object body = send("GET", path, null, null).body();
        return body instanceof List<?> items ? (List<Map<String, Object>>) items : List.of();
    }

    /** The {@code items} of one page of a paginated list. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items(Map<String, Object> page) {
        return page.get("items") instanceof List<?> items ? (List<Map<String, Object>>) items : List.of();
    }

    /** A write with a JSON body (null: none), answered with the state it changed. */
    public Answer send(String method, String path, Object body) {
        return send(method, path, body == null ? null : json.writeValueAsBytes(body),
                body == null ? null : "application/json");
    }

    /** A GET asking for a representation by {@code Accept} (a PDF, a CSV), its bytes kept as they came. */
    public Answer download(String path, String accept) {
        return exchange(request(path, accept).GET().build());
    }

    /** A body sent as it is (an uploaded file, a CSV). */
    public Answer send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = request(path, "application/json, application/problem+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return exchange(request.build());
    }

    /**
     * A body streamed from {@code body} as it is sent, with its length declared (an uploaded file of up to the API's
     * import limit, never held whole in memory; the API refuses a declared length past its limit before reading).
     */
    public Answer send(String method, String path, java.util.function.Supplier<java.io.InputStream> body,
                       long lengthBytes, String contentType) {
        return exchange(request(path, "application/json, application/problem+json").header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body),
                        lengthBytes))
                .build());
    }

    private HttpRequest.Builder request(String path, String accept) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        // this node itself: on loopback, unless the server listens on one address only
        String address = environment.getProperty("server.address", "");
        String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1"
                : address.contains(":") ? "[" + address + "]" : address;
        return HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/v1" + path))
                .timeout(TIMEOUT)
                .header("Accept", accept)
                .header("Authorization", "Bearer " + bearer.current());
    }

    private Answer exchange(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted calling the ledger's API"));
        } catch (IOException failed) {
            throw new UncheckedIOException("the ledger's API could not be reached: " + failed.getMessage(), failed);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        byte[] bytes = response.body();
        Object body = contentType.contains("json") && bytes.length > 0 ? json.readValue(bytes, Object.class) : null;
        if (response.statusCode() >= 400) {
            throw new ApiProblem.Refused(problem(response.statusCode(), body, bytes));
        }
        return new Answer(response.statusCode(), body, bytes, contentType, response.headers().map());
    }

    @SuppressWarnings("unchecked")
    private static ApiProblem problem(int status, Object body, byte[] bytes) {
        if (body instanceof Map<?, ?> map) {
            Map<String, Object> members = new LinkedHashMap<>((Map<String, Object>) map);
            members.values().removeIf(value -> value == null);
            return new ApiProblem(status, String.valueOf(members.getOrDefault("title", "HTTP " + status)),
                    String.valueOf(members.getOrDefault("detail", "")), members);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return new ApiProblem(status, "HTTP " + status, text.length() > 500 ? text.substring(0, 500) : text, Map.of());
    }
}
