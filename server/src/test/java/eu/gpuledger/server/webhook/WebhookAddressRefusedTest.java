package eu.gpuledger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside development mode, an allowed host name that resolves to a loopback address is not connected to: the
 * addresses are checked at every delivery, not only the name at registration (no requests to internal addresses).
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.webhooks.allowed-hosts=localhost",
        "ledger.webhooks.retry-schedule=PT0.2S", "ledger.webhooks.sender-every=PT0.05S"})
class WebhookAddressRefusedTest extends OverHttp {

    @Test
    void an_allowed_name_that_resolves_to_a_loopback_address_is_refused_at_delivery() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(0)) {
            Catalogue.idrisWithA100AndV100(http);
            Catalogue.ok(http.put("/api/v1/webhooks/internal", """
                    {"url": "https://localhost:%d/hook", "events": ["THRESHOLD_CROSSED"], "providerId": "idris"}"""
                    .formatted(receiver.port())));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Catalogue.grant(http, "wh-internal", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                    now.plus(300, ChronoUnit.DAYS).toString(), "internal@a100");
            WebhooksOverHttpTest.consume(http, "internal@a100", "i-1", now, 8 * 3600);

            JsonNode delivery = http.await("/api/v1/webhooks/internal/deliveries",
                    answer -> answer.body().at("/items/0/state").asText().equals("FAILED")).body().at("/items/0");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
            assertThat(delivery.at("/log/0/error").asText()).contains("refused").contains("loopback address");
            assertThat(receiver.received(request -> true)).as("nothing reached the receiver").isEmpty();
        }
    }

    @Test
    void http_is_refused_outside_development_mode() {
        var refused = http.put("/api/v1/webhooks/plain", """
                {"url": "http://localhost:8080/hook", "events": ["BLOCKED"]}""");
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.body().get("detail").asText()).startsWith("url ").contains("https");
    }
}
