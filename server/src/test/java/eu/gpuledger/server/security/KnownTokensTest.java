package eu.gpuledger.server.security;

import eu.gpuledger.server.support.SecondNode;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node checks a token against the table once and from memory after, and no node goes on accepting a token once it
 * is revoked: not the node that revoked it, not another node, not after a revocation by hand in SQL, not while the
 * node's listening connection was lost.
 */
@LedgerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnownTokensTest extends OverHttp {

    /** Far longer than a notice takes between two sessions of one PostgreSQL (milliseconds). */
    private static final Duration NOTICE_WAIT = Duration.ofSeconds(3);

    @Autowired
    MeterRegistry meters;
    @Autowired
    KnownTokens known;
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
    void a_token_checked_once_is_answered_from_memory_by_the_next_requests() {
        LedgerHttp auditor = http.as(issued("AUDITOR", "[]")[0]);
        assertThat(auditor.get("/api/v1/providers").status()).isEqualTo(200);
        double readsAfterFirst = reads();
        for (int i = 0; i < 50; i++) {
            assertThat(auditor.get("/api/v1/providers").status()).isEqualTo(200);
        }
        assertThat(reads()).as("token reads from the table by 50 more requests").isEqualTo(readsAfterFirst);
    }

    @Test
    void a_token_revoked_on_another_node_is_refused_here() {
        String[] token = issued("AUDITOR", "[]");
        LedgerHttp auditor = http.as(token[0]);
        assertThat(auditor.get("/api/v1/providers").status()).isEqualTo(200); // known here from now on

        secondNode = secondNode == null ? SecondNode.start(environment) : secondNode;
        LedgerHttp secondAdmin = SecondNode.http(secondNode);
        Answer revoked = secondAdmin.delete("/api/v1/admin/tokens/" + token[1], "");
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);

        Answer refused = refusedWithin(auditor);
        assertThat(refused.body().get("detail").asText()).contains("revoked");
    }

    @Test
    void a_token_revoked_by_hand_in_sql_is_refused() {
        String[] token = issued("AUDITOR", "[]");
        LedgerHttp auditor = http.as(token[0]);
        assertThat(auditor.get("/api/v1/providers").status()).isEqualTo(200);

        jdbc.update("UPDATE api_token SET revoked_at = now(), revoked_by = 'dba by hand' WHERE token_id = ?",
                token[1]);

        assertThat(refusedWithin(auditor).body().get("detail").asText()).contains("revoked");
    }

    @Test
    void a_node_that_lost_its_listening_connection_reads_the_table_until_it_listens_again() throws Exception {
        String[] token = issued("AUDITOR", "[]");
        LedgerHttp auditor = http.as(token[0]);
        assertThat(auditor.get("/api/v1/providers").status()).isEqualTo(200);

        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'gpu-ledger token listener' AND datname = current_database()");
        // revoked while nobody listens: the notice is lost
        jdbc.update("UPDATE api_token SET revoked_at = now(), revoked_by = 'while deaf' WHERE token_id = ?",
                token[1]);

        assertThat(refusedWithin(auditor).body().get("detail").asText()).contains("revoked");
        Instant deadline = Instant.now().plus(NOTICE_WAIT);
        while (!known.listening() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(known.listening()).as("listening again after the lost connection").isTrue();
        String[] fresh = issued("AUDITOR", "[]");
        assertThat(http.as(fresh[0]).get("/api/v1/providers").status()).isEqualTo(200);
        double reads = reads();
        assertThat(http.as(fresh[0]).get("/api/v1/providers").status()).isEqualTo(200);
        assertThat(reads()).as("answered from memory again").isEqualTo(reads);
    }

    private Answer refusedWithin(LedgerHttp client) {
        Instant deadline = Instant.now().plus(NOTICE_WAIT);
        Answer answer = client.get("/api/v1/providers");
        while (answer.status() == 200 && Instant.now().isBefore(deadline)) {
            answer = client.get("/api/v1/providers");
        }
        ApiTokenLifecycleTest.assertUnauthenticated(answer);
        return answer;
    }

    private double reads() {
        return meters.get("ledger.security.token.reads").counter().count();
    }

    private String[] issued(String role, String scope) {
        Answer created = http.post("/api/v1/admin/tokens", """
                {"name": "known", "role": "%s", "scope": %s, "expiresAt": "%s"}""".formatted(role, scope,
                Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new String[]{created.body().get("token").asText(), created.body().at("/view/tokenId").asText()};
    }

}
