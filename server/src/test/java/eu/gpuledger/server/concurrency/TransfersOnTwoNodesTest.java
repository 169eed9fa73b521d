package eu.gpuledger.server.concurrency;

import eu.gpuledger.server.support.SecondNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes writing in turn to the same two allocations: each node holds the allocations in its aggregate cache, so
 * every write follows one the other node made and finds its copy stale (Axon's ConcurrencyException on the event
 * store's key). The node sends the command again on the fresh state instead of answering the client 409, and every
 * transfer is booked once.
 */
@LedgerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransfersOnTwoNodesTest extends OverHttp {

    private static final int ROUNDS = 6;

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext secondNode;

    @AfterAll
    void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void transfers_on_two_nodes_in_turn_are_all_booked_without_a_409() {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "two-nodes-a", "jz-a100", 100, "2041-01-01T00:00:00Z", "2042-01-01T00:00:00Z",
                "two-nodes-a@a100");
        Catalogue.grant(http, "two-nodes-b", "jz-a100", 100, "2041-01-01T00:00:00Z", "2042-01-01T00:00:00Z",
                "two-nodes-b@a100");
        secondNode = SecondNode.start(environment);
        LedgerHttp first = http;
        LedgerHttp second = SecondNode.http(secondNode);

        for (int round = 0; round < ROUNDS; round++) {
            LedgerHttp node = round % 2 == 0 ? first : second;
            String from = round % 4 < 2 ? "two-nodes-a" : "two-nodes-b";
            String to = from.equals("two-nodes-a") ? "two-nodes-b" : "two-nodes-a";
            Answer transfer = node.post("/api/v1/transfers", """
                    {"transferId": "two-nodes-%d", "fromAllocationId": "%s", "toAllocationId": "%s", "gpuHours": 1,
                     "reason": "round %d"}""".formatted(round, from, to, round));
            assertThat(transfer.status()).as("round %d on node %d: %s", round, round % 2 + 1, transfer.text())
                    .isEqualTo(200);
        }

        // rounds 0, 1, 4, 5 move an hour from a to b; rounds 2, 3 from b to a
        assertThat(balance(second, "two-nodes-a")).isEqualTo((100 - 2) * 3600L);
        assertThat(balance(second, "two-nodes-b")).isEqualTo((100 + 2) * 3600L);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'two-nodes-a'"
                + " AND (payload_type LIKE '%TransferDebited' OR payload_type LIKE '%TransferCredited')"))
                .as("one event per transfer on a")
                .isEqualTo(ROUNDS);
    }

    private static long balance(LedgerHttp node, String allocationId) {
        Answer allocation = node.get("/api/v1/allocations/" + allocationId);
        assertThat(allocation.status()).as(allocation.text()).isEqualTo(200);
        return allocation.body().at("/balance/gpuSeconds").asLong();
    }

}
