package eu.gpuledger.server.fuzz;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write and import endpoint, found in the application's own request mappings, is sent seeded random and
 * malformed requests: random bytes, invalid UTF-8, truncated bodies, huge and empty fields, wrong types, numbers at
 * and past the bounds, unknown fields, wrong content types, odd path ids. Whatever comes, the ledger never answers
 * 500, and a request it refuses (4xx) changes nothing: the head of the event store and the usage store are as they
 * were before it.
 * <p>
 * Seed: {@code -Dfuzz.seed} (default fixed, so a failure repeats); requests per endpoint: {@code -Dfuzz.requests}.
 */
@LedgerIntegrationTest
class WriteEndpointsFuzzTest extends OverHttp {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int REQUESTS_PER_ENDPOINT = Integer.getInteger("fuzz.requests", 120);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void no_request_to_a_write_endpoint_gets_a_500_and_none_that_is_refused_changes_anything() throws Exception {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "fuzz-alloc", "jz-a100", 1000, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "fuz@a100");
        Catalogue.grant(http, "fuzz-other", "jz-v100", 1000, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "fuz@v100");
        Catalogue.ok(http.post("/api/v1/usage/sacct?cluster=jean-zay", FuzzBodies.SACCT, "text/plain"));

        Random random = new Random(SEED);
        Map<String, Tally> tallies = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : writeEndpoints()) {
            Tally tally = tallies.computeIfAbsent(endpoint.toString(), key -> new Tally());
            for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
                FuzzBodies.Request request = FuzzBodies.request(endpoint.method(), endpoint.pattern(), random);
                State before = state();
                HttpResponse<String> answer = send(request);
                State after = state();
                tally.tried++;
                if (answer.statusCode() >= 500) {
                    tally.serverErrors++;
                    failures.add(endpoint + " answered " + answer.statusCode() + " to " + request.describe() + ": "
                            + abbreviated(answer.body()));
                }
                if (answer.statusCode() >= 400 && !before.equals(after)) {
                    tally.partialWrites++;
                    failures.add(endpoint + " refused " + request.describe() + " with " + answer.statusCode()
                            + " but the ledger changed: " + before + " -> " + after);
                }
                if (answer.statusCode() >= 400 && !answer.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json")) {
                    failures.add(endpoint + " refused " + request.describe() + " with " + answer.statusCode()
                            + " but not as problem+json: " + answer.headers().firstValue("Content-Type").orElse("none"));
                }
                if (answer.statusCode() < 300) {
                    tally.accepted++;
                }
            }
        }
        System.out.println("fuzz (seed " + SEED + "): endpoint, requests tried, accepted, 500s, partial writes");
        tallies.forEach((endpoint, tally) -> System.out.println("fuzz " + endpoint + ": " + tally.tried + " tried, "
                + tally.accepted + " accepted, " + tally.serverErrors + " 500s, " + tally.partialWrites + " partial writes"));
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(tallies).as("every write endpoint was tried").hasSizeGreaterThanOrEqualTo(18);
    }

    private record Endpoint(String method, String pattern) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private static final class Tally {
        int tried;
        int accepted;
        int serverErrors;
        int partialWrites;
    }

    /** What a refused request must leave as it was. */
    private record State(long eventStoreHead, long usageRecords, long keptRecords) {
    }

    private State state() {
        return new State(eventStoreHead(),
                count("SELECT count(*) FROM usage_record"),
                count("SELECT count(*) FROM usage_unmatched"));
    }

    /** Every mapping under /api/ that is not a read, from the application's own list of endpoints. */
    private List<Endpoint> writeEndpoints() {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    if (method != RequestMethod.GET && method != RequestMethod.HEAD) {
                        Endpoint endpoint = new Endpoint(method.name(), pattern);
                        endpoints.put(endpoint.toString(), endpoint);
                    }
                }
            }
        }
        return List.copyOf(new TreeMap<>(endpoints).values());
    }

    private HttpResponse<String> send(FuzzBodies.Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + eu.gpuledger.server.support.TestTokens.ADMIN)
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
