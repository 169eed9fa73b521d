package eu.gpuledger.server.webhook;

import eu.gpuledger.server.LedgerApplication;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static eu.gpuledger.server.webhook.WebhookReceiver.about;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No notice is lost across a restart of the ledger between the event and its delivery: the receiver is down while
 * the first ledger runs, the ledger stops, a new one starts on the same database with the receiver up, and the
 * notice arrives, once, with the webhook-id the first ledger gave it.
 */
class WebhookDeliveryAcrossARestartTest {

    @Test
    void a_notice_stored_while_the_receiver_was_down_is_delivered_by_the_next_ledger() throws Exception {
        String database = TestDatabase.create();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there until the receiver starts
        }
        String url = "http://127.0.0.1:" + port + "/hook";
        String secret;
        try (ConfigurableApplicationContext ledger = start(database)) {
            LedgerHttp http = http(ledger);
            Catalogue.idrisWithA100AndV100(http);
            secret = http.put("/api/v1/webhooks/restart", """
                    {"url": "%s", "events": ["THRESHOLD_CROSSED"], "providerId": "idris"}""".formatted(url))
                    .body().get("secret").asText();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Catalogue.grant(http, "wh-restart", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                    now.plus(300, ChronoUnit.DAYS).toString(), "restart@a100");
            WebhooksOverHttpTest.consume(http, "restart@a100", "rs-1", now, 8 * 3600);
            // the write answered: the notices processor has handled the event (read your writes), and its delivery
            // is stored; the receiver is down, so every attempt of this ledger fails
            http.await("/api/v1/webhooks/restart/deliveries", answer -> answer.body().at("/items/0/attempts")
                    .asInt() >= 1);
            assertThat(http.get("/api/v1/webhooks/restart/deliveries").body().at("/items/0/state").asText())
                    .isEqualTo("PENDING");
        }

        try (WebhookReceiver receiver = WebhookReceiver.start(port);
             ConfigurableApplicationContext ledger = start(database)) {
            WebhookReceiver.await("the notice after the restart", Duration.ofSeconds(30),
                    () -> receiver.effectsOn("wh-restart").size() == 1);
            assertThat(receiver.effectsOn("wh-restart").get(0).at("/data/threshold").asText()).isEqualTo("PERCENT_80");
            assertThat(IndependentVerifier.verdicts(secret, receiver.received(about("wh-restart"))))
                    .containsOnly("ok");
            LedgerHttp http = http(ledger);
            http.await("/api/v1/webhooks/restart/deliveries", answer -> answer.body().at("/items/0/state").asText()
                    .equals("DELIVERED"));
            var delivery = http.get("/api/v1/webhooks/restart/deliveries").body().at("/items/0");
            assertThat(delivery.get("webhookMessageId").asText())
                    .isEqualTo(receiver.received(about("wh-restart")).get(0).id());
            assertThat(delivery.get("attempts").asInt()).as("failed ones before the restart, then one").isGreaterThan(1);
            Thread.sleep(500);
            assertThat(receiver.received(about("wh-restart"))).hasSize(1);
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--ledger.db.url=" + database,
                "--ledger.db.user=" + TestDatabase.user(),
                "--ledger.db.password=" + TestDatabase.password(),
                "--ledger.db.allow-non-durable=" + TestDatabase.onEmbeddedServer(),
                "--ledger.webhooks.development-mode=true",
                "--ledger.webhooks.retry-schedule=PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,"
                        + "PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S",
                "--ledger.webhooks.sender-every=PT0.05S",
                "--server.port=0", "--spring.main.banner-mode=off", "--axoniq.update-checker.disabled=true");
    }

    private static LedgerHttp http(ConfigurableApplicationContext ledger) {
        return new LedgerHttp(Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port")));
    }
}
