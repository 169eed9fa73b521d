package eu.gpuledger.server.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.LedgerApplication;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter queue is in the database: a restart of the ledger neither forgets a parked allocation nor
 * projects the events that wait behind its dead letter.
 */
class DeadLettersAcrossARestartTest {

    static final long HOUR = 3600;

    @Test
    void a_parked_allocation_stays_parked_across_a_restart_and_its_new_events_wait_behind_it() {
        String database = TestDatabase.create();
        String unreadable;
        String firstLetter;
        try (ConfigurableApplicationContext ledger = start(database)) {
            LedgerHttp http = http(ledger);
            StoredSupplements store = new StoredSupplements(ledger.getBean(DSLContext.class));
            Catalogue.idrisWithA100AndV100(http);
            Catalogue.grant(http, "restarted", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                    "res@a100");
            Catalogue.grant(http, "model", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                    "mod@a100");
            Catalogue.ok(http.post("/api/v1/allocations/model/supplements", """
                    {"supplementId": "s-model", "gpuHours": 1, "reason": "a supplement to copy"}"""));
            http.await("/api/v1/allocations/restarted", answer -> answer.status() == 200);
            unreadable = store.appendUnreadable("restarted", "s-unreadable");
            firstLetter = awaitBalanceLetters(http, 1).get(0).get("id").asText();
        }

        try (ConfigurableApplicationContext ledger = start(database)) {
            LedgerHttp http = http(ledger);
            StoredSupplements store = new StoredSupplements(ledger.getBean(DSLContext.class));
            List<JsonNode> letters = balanceLetters(http);
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).get("id").asText()).isEqualTo(firstLetter);
            assertThat(letters.get(0).get("eventIdentifier").asText()).isEqualTo(unreadable);
            Answer health = http.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().at("/components/projections/details/balances/oldestDeadLetter/eventIdentifier")
                    .asText()).isEqualTo(unreadable);

            store.appendReadable("restarted", "s-after-restart", 2 * HOUR);
            assertThat(awaitBalanceLetters(http, 2)).as("the new event waits behind the dead letter").hasSize(2);
            assertThat(http.get("/api/v1/allocations/restarted").body().at("/supplemented/gpuSeconds").asLong())
                    .isZero();

            store.repair(unreadable, 3 * HOUR);
            Answer retried = http.post("/api/v1/admin/dead-letters/" + firstLetter + "/retry", "");
            assertThat(retried.body().get("outcome").asText()).as(retried.text()).isEqualTo("PROCESSED");
            assertThat(http.get("/api/v1/allocations/restarted").body().at("/supplemented/gpuSeconds").asLong())
                    .isEqualTo(5 * HOUR);
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--ledger.db.url=" + database,
                "--ledger.db.user=" + TestDatabase.user(),
                "--ledger.db.password=" + TestDatabase.password(),
                "--ledger.db.allow-non-durable=" + TestDatabase.onEmbeddedServer(),
                "--server.port=0", "--spring.main.banner-mode=off", "--axoniq.update-checker.disabled=true");
    }

    private static LedgerHttp http(ConfigurableApplicationContext ledger) {
        return new LedgerHttp(Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port")));
    }

    private static List<JsonNode> awaitBalanceLetters(LedgerHttp http, int count) {
        http.await("/api/v1/admin/dead-letters", answer -> countBalances(answer) >= count);
        return balanceLetters(http);
    }

    private static long countBalances(Answer answer) {
        long count = 0;
        for (JsonNode letter : answer.body().get("items")) {
            count += letter.get("processingGroup").asText().equals("balances") ? 1 : 0;
        }
        return count;
    }

    private static List<JsonNode> balanceLetters(LedgerHttp http) {
        List<JsonNode> letters = new ArrayList<>();
        http.get("/api/v1/admin/dead-letters").body().get("items").forEach(letter -> {
            if (letter.get("processingGroup").asText().equals("balances")) {
                letters.add(letter);
            }
        });
        return letters;
    }
}
