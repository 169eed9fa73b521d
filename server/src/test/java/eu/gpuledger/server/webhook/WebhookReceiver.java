package eu.gpuledger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;

/**
 * A real receiver on loopback (the JDK's HTTP server) that behaves as the Standard Webhooks specification asks of
 * one: it deduplicates by {@code webhook-id}, so a notice has one effect however often it arrives. Its answers can be
 * planned (a status and a Retry-After for the next requests); otherwise it answers 204.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as it arrived. */
    record Received(String id, String timestamp, String signature, String body, Instant at, int answeredStatus) {
        JsonNode payload() {
            try {
                return JSON.readTree(body);
            } catch (IOException unreadable) {
                throw new AssertionError("a notice that is not JSON: " + body, unreadable);
            }
        }
    }

    record Answer(int status, String retryAfter) {
    }

    private final HttpServer server;
    private final Deque<Answer> planned = new ConcurrentLinkedDeque<>();
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> effects = java.util.Collections.synchronizedList(new ArrayList<>());

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Answer answer = receiver.planned.pollFirst();
            int status = answer == null ? 204 : answer.status();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            receiver.received.add(new Received(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.now(), status));
            if (status >= 200 && status < 300 && receiver.seen.add(id)) {
                receiver.effects.add(JSON.readTree(body));
            }
            if (answer != null && answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int port() {
        return server.getAddress().getPort();
    }

    void plan(int status, String retryAfter) {
        planned.addLast(new Answer(status, retryAfter));
    }

    List<Received> received(Predicate<Received> which) {
        synchronized (received) {
            return received.stream().filter(which).toList();
        }
    }

    /** The notices acted upon (each webhook-id once), about one allocation. */
    List<JsonNode> effectsOn(String allocationId) {
        synchronized (effects) {
            return effects.stream().filter(notice -> notice.at("/data/allocationId").asText().equals(allocationId))
                    .toList();
        }
    }

    static Predicate<Received> about(String allocationId) {
        return request -> request.payload().at("/data/allocationId").asText().equals(allocationId);
    }

    /** Waits (bounded) until {@code done} holds. */
    static void await(String what, Duration atMost, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
