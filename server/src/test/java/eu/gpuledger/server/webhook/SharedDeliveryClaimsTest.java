package eu.gpuledger.server.webhook;

import eu.gpuledger.ledger.webhook.NoticeType;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Senders on several nodes share the due deliveries: claims made at the same instant never take the same delivery
 * (SELECT … FOR UPDATE SKIP LOCKED, then a lease), and together they take them all. The scheduled sender is held off
 * (its first round is ten minutes away) so that only the claims below run.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.webhooks.development-mode=true", "ledger.webhooks.sender-every=PT10M",
        "ledger.webhooks.sender-concurrency=3"})
class SharedDeliveryClaimsTest extends OverHttp {

    static final int DELIVERIES = 12;
    static final int SENDERS = 4;

    @Autowired
    WebhookSender sender;
    @Autowired
    WebhookOutbox outbox;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_sender_passes_over_the_deliveries_another_node_is_claiming_instead_of_waiting_for_them() throws Exception {
        enqueue("locked", 6);
        ExecutorService otherNode = Executors.newSingleThreadExecutor();
        try {
            transactions.executeWithoutResult(status -> {
                // this node is mid-claim: three deliveries locked, its transaction still open
                List<Long> locked = jdbc.queryForList("SELECT delivery_id FROM webhook_delivery WHERE notice_id LIKE"
                        + " 'msg_locked_%' ORDER BY delivery_id LIMIT 3 FOR UPDATE", Long.class);
                assertThat(locked).hasSize(3);
                List<Long> claimed;
                try {
                    claimed = otherNode.submit(() -> sender.claimDue().stream().map(WebhookSender.Due::deliveryId)
                            .toList()).get(10, TimeUnit.SECONDS);
                } catch (Exception blocked) {
                    throw new AssertionError("the other node waited for the locked deliveries", blocked);
                }
                assertThat(claimed).as("the three not locked").hasSize(3).doesNotContainAnyElementsOf(locked);
            });
        } finally {
            otherNode.shutdownNow();
        }
    }

    private void enqueue(String prefix, int deliveries) {
        if (http.get("/api/v1/webhooks/shared").status() == 404) {
            Catalogue.idrisWithA100AndV100(http);
            Catalogue.ok(http.put("/api/v1/webhooks/shared", """
                    {"url": "http://127.0.0.1:9/hook", "events": ["EXPIRING"], "providerId": "idris"}"""));
        }
        Instant now = Instant.now();
        transactions.executeWithoutResult(status -> {
            for (int notice = 0; notice < deliveries; notice++) {
                outbox.enqueue(new Notice("msg_" + prefix + "_" + notice, NoticeType.EXPIRING, now, "idris",
                        "jean-zay", Map.of("allocationId", prefix + "-" + notice)), now);
            }
        });
    }

    @Test
    void senders_claiming_at_once_never_claim_the_same_delivery_and_leave_none_behind() throws Exception {
        enqueue("shared", DELIVERIES);

        ExecutorService nodes = Executors.newFixedThreadPool(SENDERS);
        try {
            CyclicBarrier together = new CyclicBarrier(SENDERS);
            List<Future<List<Long>>> claims = new ArrayList<>();
            for (int node = 0; node < SENDERS; node++) {
                claims.add(nodes.submit(() -> {
                    together.await();
                    return sender.claimDue().stream().map(WebhookSender.Due::deliveryId).toList();
                }));
            }
            List<Long> claimed = new ArrayList<>();
            for (Future<List<Long>> claim : claims) {
                List<Long> ids = claim.get();
                assertThat(ids).as("at most sender-concurrency per claim").hasSizeLessThanOrEqualTo(3);
                claimed.addAll(ids);
            }
            Set<Long> distinct = new HashSet<>(claimed);
            assertThat(distinct).as("no delivery claimed twice").hasSize(claimed.size());
            assertThat(distinct).as("four senders of three take all twelve").hasSize(DELIVERIES);
            assertThat(sender.claimDue()).as("leased: none due again before the lease ends").isEmpty();
        } finally {
            nodes.shutdownNow();
        }
    }
}
