package eu.gpuledger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static eu.gpuledger.server.webhook.WebhookReceiver.about;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end: the ledger's notices reach a real receiver on loopback (development mode), signed as Standard
 * Webhooks 1.0 says (checked by an independent implementation), retried on a schedule shortened for the test, once
 * per crossing.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.webhooks.development-mode=true",
        "ledger.webhooks.allowed-hosts=hooks.example.org",
        "ledger.webhooks.retry-schedule=PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S",
        "ledger.webhooks.sender-every=PT0.05S", "ledger.webhooks.attempt-timeout=PT2S",
        "ledger.webhooks.expiring-days=7", "ledger.webhooks.expiring-every=PT0.2S"})
class WebhooksOverHttpTest extends OverHttp {

    static final Duration WAIT = Duration.ofSeconds(30);
    WebhookReceiver receiver;

    @BeforeEach
    void startTheReceiver() throws Exception {
        receiver = WebhookReceiver.start(0);
        Catalogue.idrisWithA100AndV100(http);
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void a_registration_without_a_secret_gets_one_shown_once_and_the_same_put_again_changes_nothing() {
        String body = """
                {"url": "%s", "events": ["BLOCKED", "UNBLOCKED"], "providerId": "idris"}""".formatted(receiver.url());
        Answer created = http.put("/api/v1/webhooks/reg-once", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.body().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(created.body().get("version").asInt()).isEqualTo(1);

        Answer again = http.put("/api/v1/webhooks/reg-once", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().has("secret")).isFalse();
        assertThat(again.body().get("version").asInt()).isEqualTo(1);

        Answer read = http.get("/api/v1/webhooks/reg-once");
        assertThat(read.text()).doesNotContain("whsec_").doesNotContain(secret.substring(6));
        assertThat(read.body().get("events").toString()).isEqualTo("[\"BLOCKED\",\"UNBLOCKED\"]");
        assertThat(http.get("/api/v1/webhooks").text()).contains("reg-once").doesNotContain("whsec_");

        Answer changed = http.put("/api/v1/webhooks/reg-once", """
                {"url": "%s", "events": ["BLOCKED"], "providerId": "idris"}""".formatted(receiver.url()));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("version").asInt()).as("other content: a new version").isEqualTo(2);
        assertThat(http.get("/api/v1/webhooks/reg-once").body().get("events").toString()).isEqualTo("[\"BLOCKED\"]");
    }

    @Test
    void a_url_the_configuration_does_not_allow_is_refused_naming_the_field() {
        for (String url : List.of("ftp://hooks.example.org/x", "http://hooks.example.org/x",
                "https://elsewhere.example.net/x", "https://user:pw@hooks.example.org/x", "not a url")) {
            Answer refused = http.put("/api/v1/webhooks/reg-refused", """
                    {"url": "%s", "events": ["BLOCKED"], "providerId": "idris"}""".formatted(url));
            assertRefused(refused, "url");
        }
        Answer badSecret = http.put("/api/v1/webhooks/reg-refused", """
                {"url": "https://hooks.example.org/x", "secret": "whsec_c2hvcnQ=", "events": ["BLOCKED"]}""");
        assertRefused(badSecret, "secret");
        Answer noEvents = http.put("/api/v1/webhooks/reg-refused", """
                {"url": "https://hooks.example.org/x", "events": []}""");
        assertRefused(noEvents, "events");
        assertThat(http.get("/api/v1/webhooks/reg-refused").status()).isEqualTo(404);
    }

    @Test
    void thresholds_blocked_and_unblocked_are_each_told_once_per_crossing_and_signed() throws Exception {
        String secret = register("notices", "[\"THRESHOLD_CROSSED\", \"BLOCKED\", \"UNBLOCKED\"]");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "wh-notices", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "notices@a100");

        consume("notices@a100", "n-1", now, 8 * 3600);   // 80%
        awaitEffects("wh-notices", 1);
        consume("notices@a100", "n-2", now, 3600);       // 90%: nothing
        consume("notices@a100", "n-3", now, 3600);       // 100%
        awaitEffects("wh-notices", 2);
        consume("notices@a100", "n-4", now, 3 * 3600);   // 130% > 125%: the effective limit, blocked
        awaitEffects("wh-notices", 4);
        Catalogue.ok(http.post("/api/v1/allocations/wh-notices/supplements", """
                {"supplementId": "wh-more", "gpuHours": 10, "reason": "more hours"}"""));  // 13 of 20 h: unblocked
        awaitEffects("wh-notices", 5);
        consume("notices@a100", "n-5", now, 4 * 3600);   // 17 of 20 h: 80% crossed again
        awaitEffects("wh-notices", 6);
        Thread.sleep(1_000); // time for a duplicate to show, were there one

        List<JsonNode> notices = receiver.effectsOn("wh-notices");
        assertThat(notices.stream().map(WebhooksOverHttpTest::describe).toList()).containsExactly(
                "THRESHOLD_CROSSED PERCENT_80", "THRESHOLD_CROSSED PERCENT_100", "BLOCKED DENY",
                "THRESHOLD_CROSSED EFFECTIVE_LIMIT", "UNBLOCKED ALLOW", "THRESHOLD_CROSSED PERCENT_80");
        List<WebhookReceiver.Received> requests = receiver.received(about("wh-notices"));
        assertThat(requests).as("each notice sent once: the receiver answered every one").hasSize(6);
        assertThat(requests.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(6);
        assertThat(IndependentVerifier.verdicts(secret, requests)).hasSize(6).containsOnly("ok");
        assertThat(IndependentVerifier.verdicts("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                requests.subList(0, 1))).as("the verifier can fail").containsExactly("bad: no v1 signature matches");
        Answer first = http.get("/api/v1/webhooks/notices/deliveries?limit=4");
        assertThat(first.body().get("items")).hasSize(4);
        Answer rest = http.get("/api/v1/webhooks/notices/deliveries?limit=4&after=" + first.body().get("next").asText());
        assertThat(rest.body().get("items")).as("the delivery log, page by page").hasSize(2);
        assertThat(rest.body().has("next")).as("the last page has no next").isFalse();
        assertRefused(http.get("/api/v1/webhooks/notices/deliveries?limit=0"), "limit");
        JsonNode blocked = notices.get(2);
        assertThat(blocked.at("/data/schedulerAccount").asText()).isEqualTo("notices@a100");
        assertThat(blocked.at("/data/cluster").asText()).isEqualTo("jean-zay");
    }

    @Test
    void a_suspension_blocks_and_a_resumption_unblocks_as_the_quota_answer_does() {
        register("suspension", "[\"BLOCKED\", \"UNBLOCKED\"]");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "wh-suspension", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "suspension@a100");
        Catalogue.ok(http.post("/api/v1/allocations/wh-suspension/suspension", """
                {"reason": "unpaid invoice"}"""));
        awaitEffects("wh-suspension", 1);
        assertThat(http.get("/api/v1/quota/suspension@a100?cluster=jean-zay").body().get("decision").asText())
                .isEqualTo("DENY");
        Catalogue.ok(http.delete("/api/v1/allocations/wh-suspension/suspension", """
                {"reason": "paid"}"""));
        awaitEffects("wh-suspension", 2);
        List<JsonNode> notices = receiver.effectsOn("wh-suspension");
        assertThat(notices.stream().map(WebhooksOverHttpTest::describe).toList())
                .containsExactly("BLOCKED DENY", "UNBLOCKED ALLOW");
        assertThat(notices.get(0).at("/data/cause").asText()).contains("unpaid invoice");
    }

    @Test
    void a_webhook_of_another_cluster_or_provider_or_type_is_not_told() throws Exception {
        try (WebhookReceiver elsewhere = WebhookReceiver.start(0)) {
            for (String[] filter : new String[][] {{"other-cluster", "\"providerId\": \"idris\", \"cluster\": \"adastra\""},
                    {"other-type", "\"providerId\": \"idris\", \"cluster\": \"jean-zay\""}}) {
                String events = filter[0].equals("other-type") ? "[\"EXPIRING\"]" : "[\"THRESHOLD_CROSSED\"]";
                Catalogue.ok(http.put("/api/v1/webhooks/" + filter[0], """
                        {"url": "%s", "events": %s, %s}""".formatted(elsewhere.url(), events, filter[1])));
            }
            register("this-cluster", "[\"THRESHOLD_CROSSED\"]");
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Catalogue.grant(http, "wh-filter", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                    now.plus(300, ChronoUnit.DAYS).toString(), "filter@a100");
            consume("filter@a100", "f-1", now, 8 * 3600);
            awaitEffects("wh-filter", 1);
            Thread.sleep(500);
            assertThat(elsewhere.received(about("wh-filter"))).isEmpty();
        }
    }

    @Test
    void an_allocation_whose_period_ends_within_the_configured_days_is_told_once() throws Exception {
        register("expiring", "[\"EXPIRING\"]");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "wh-expiring", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(3, ChronoUnit.DAYS).toString(), "expiring@a100");
        Catalogue.grant(http, "wh-later", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(30, ChronoUnit.DAYS).toString(), "later@a100");
        awaitEffects("wh-expiring", 1);
        Thread.sleep(1_500); // several rounds of the check
        assertThat(receiver.received(about("wh-expiring"))).hasSize(1);
        assertThat(receiver.effectsOn("wh-expiring").get(0).get("type").asText()).isEqualTo("EXPIRING");
        assertThat(receiver.effectsOn("wh-expiring").get(0).at("/data/periodEnd").asText())
                .isEqualTo(now.plus(3, ChronoUnit.DAYS).toString());
        assertThat(receiver.received(about("wh-later"))).as("30 days away: not yet").isEmpty();
    }

    @Test
    void a_notice_the_receiver_failed_several_times_has_one_effect_and_keeps_its_webhook_id() {
        long retriedBefore = attempts("retried");
        long deliveredBefore = attempts("delivered");
        register("retries", "[\"THRESHOLD_CROSSED\"]");
        receiver.plan(500, null);
        receiver.plan(502, null);
        receiver.plan(503, null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "wh-retries", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "retries@a100");
        consume("retries@a100", "r-1", now, 8 * 3600);
        awaitEffects("wh-retries", 1);

        List<WebhookReceiver.Received> requests = receiver.received(about("wh-retries"));
        assertThat(requests.stream().map(WebhookReceiver.Received::answeredStatus)).containsExactly(500, 502, 503, 204);
        assertThat(requests.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(1);
        JsonNode delivery = deliveries("retries").get(0);
        assertThat(delivery.get("state").asText()).isEqualTo("DELIVERED");
        assertThat(delivery.get("webhookMessageId").asText()).isEqualTo(requests.get(0).id());
        assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
        List<Integer> statuses = new java.util.ArrayList<>();
        delivery.get("log").forEach(attempt -> {
            statuses.add(attempt.get("httpStatus").asInt());
            assertThat(attempt.get("latencyMs").asLong()).isNotNegative();
        });
        assertThat(statuses).containsExactly(500, 502, 503, 204);
        assertThat(attempts("retried") - retriedBefore).as("the operators' count of retried attempts")
                .isGreaterThanOrEqualTo(3);
        assertThat(attempts("delivered") - deliveredBefore).isGreaterThanOrEqualTo(1);

        Answer redelivered = http.post("/api/v1/webhooks/retries/deliveries/" + delivery.get("deliveryId").asLong()
                + "/redeliver", "");
        assertThat(redelivered.status()).as(redelivered.text()).isEqualTo(202);
        WebhookReceiver.await("the redelivery", WAIT, () -> receiver.received(about("wh-retries")).size() == 5);
        assertThat(receiver.received(about("wh-retries")).get(4).id()).isEqualTo(requests.get(0).id());
        assertThat(receiver.effectsOn("wh-retries")).as("the receiver deduplicates: still one effect").hasSize(1);
    }

    @Test
    void a_receiver_that_answers_410_disables_its_webhook() {
        register("gone", "[\"THRESHOLD_CROSSED\"]");
        receiver.plan(410, null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "wh-gone", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "gone@a100");
        consume("gone@a100", "g-1", now, 8 * 3600);
        Answer disabled = http.await("/api/v1/webhooks/gone", answer -> !answer.body().get("enabled").asBoolean());
        assertThat(disabled.body().get("disabledCause").asText()).isEqualTo("GONE");
        consume("gone@a100", "g-2", now, 2 * 3600); // 100%: not sent to a disabled webhook
        assertThat(receiver.received(about("wh-gone"))).hasSize(1);
        assertThat(deliveries("gone")).hasSize(1);
        assertThat(deliveries("gone").get(0).get("state").asText()).isEqualTo("DISABLED");
    }

    @Test
    void a_retry_after_longer_than_the_schedule_is_honoured() {
        register("patience", "[\"THRESHOLD_CROSSED\"]");
        receiver.plan(503, "2");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "wh-patience", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "patience@a100");
        consume("patience@a100", "p-1", now, 8 * 3600);
        awaitEffects("wh-patience", 1);
        List<WebhookReceiver.Received> requests = receiver.received(about("wh-patience"));
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .as("the schedule says 0.2 s, the receiver asked for 2 s").isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
    }

    @Test
    void during_a_secret_rotation_deliveries_are_signed_with_both_secrets() throws Exception {
        String old = register("rotation", "[\"THRESHOLD_CROSSED\"]");
        String fresh = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
        Answer rotated = http.put("/api/v1/webhooks/rotation", """
                {"url": "%s", "secret": "%s", "events": ["THRESHOLD_CROSSED"], "providerId": "idris",
                 "cluster": "jean-zay"}""".formatted(receiver.url(), fresh));
        assertThat(rotated.body().get("version").asInt()).isEqualTo(2);
        assertThat(http.get("/api/v1/webhooks/rotation").body().get("secretRotationInProgress").asBoolean()).isTrue();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "wh-rotation", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "rotation@a100");
        consume("rotation@a100", "ro-1", now, 8 * 3600);
        awaitEffects("wh-rotation", 1);
        List<WebhookReceiver.Received> requests = receiver.received(about("wh-rotation"));
        assertThat(requests.get(0).signature().split(" ")).hasSize(2);
        assertThat(IndependentVerifier.verdicts(old, requests)).containsExactly("ok");
        assertThat(IndependentVerifier.verdicts(fresh, requests)).containsExactly("ok");
    }

    /** 400 problem+json whose detail names the field. */
    private static void assertRefused(Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).as(answer.text()).startsWith(field + " ");
    }

    /** Registers a webhook of IDRIS on Jean Zay to the receiver; returns its generated secret. */
    private String register(String webhookId, String events) {
        Answer created = http.put("/api/v1/webhooks/" + webhookId, """
                {"url": "%s", "events": %s, "providerId": "idris", "cluster": "jean-zay"}"""
                .formatted(receiver.url(), events));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("secret").asText();
    }

    private List<JsonNode> deliveries(String webhookId) {
        Answer page = http.get("/api/v1/webhooks/" + webhookId + "/deliveries");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        List<JsonNode> items = new java.util.ArrayList<>();
        page.body().get("items").forEach(items::add);
        return items;
    }

    /** The attempts that ended so, as Prometheus scrapes them (other tests' deliveries count too). */
    private long attempts(String outcome) {
        String prefix = "ledger_webhook_attempts_seconds_count{outcome=\"" + outcome + "\"} ";
        return http.get("/actuator/prometheus").text().lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(prefix.length()))).sum();
    }

    private void awaitEffects(String allocationId, int count) {
        WebhookReceiver.await(count + " notices about " + allocationId, WAIT,
                () -> receiver.effectsOn(allocationId).size() >= count);
    }

    private static String describe(JsonNode notice) {
        String type = notice.get("type").asText();
        return type + " " + (type.equals("THRESHOLD_CROSSED") ? notice.at("/data/threshold").asText()
                : notice.at("/data/decision").asText());
    }

    private void consume(String account, String jobId, Instant now, long gpuSeconds) {
        consume(http, account, jobId, now, gpuSeconds);
    }

    static void consume(LedgerHttp http, String account, String jobId, Instant now, long gpuSeconds) {
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:%s", "cluster": "jean-zay", "jobId": "%s", "account": "%s",
                  "partition": "gpu_p5", "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": %d}]"""
                .formatted(jobId, jobId, account, now.minus(1, ChronoUnit.HOURS), gpuSeconds)));
    }
}
