package eu.gpuledger.server.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;
import eu.gpuledger.projections.rebuild.RebuildProgress;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event that a projection cannot read, put into the event store behind the API's back: it is parked with its
 * cause, the other allocations' writes are still projected, the health and the lag say so, and an operator repairs
 * it and retries it over HTTP.
 */
@LedgerIntegrationTest
class DeadLettersOverHttpTest extends OverHttp {

    static final long HOUR = 3600;

    @Autowired
    DSLContext sql;
    @Autowired
    ProjectionLag lag;
    @Autowired
    ProjectionRebuilds rebuilds;
    StoredSupplements store;

    @BeforeEach
    void twoAllocations() {
        store = new StoredSupplements(sql);
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "healthy", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "hea@a100");
        Catalogue.grant(http, "poisoned", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "poi@a100");
        supplement("healthy", "s-first", 1);
        // the tests share one database: what an earlier test added to these allocations is still there
        assertThat(supplemented("healthy")).isGreaterThanOrEqualTo(1 * HOUR);
        assertThat(http.get("/api/v1/allocations/poisoned").status()).isEqualTo(200);
    }

    @Test
    void an_unreadable_event_is_parked_with_its_cause_and_holds_up_only_its_own_allocation_until_it_is_repaired() {
        String unreadable = store.appendUnreadable("poisoned", "s-unreadable");
        store.appendReadable("poisoned", "s-behind", 10 * HOUR);
        supplement("healthy", "s-later", 20 * HOUR / HOUR);

        assertThat(awaitSupplemented("healthy", 21 * HOUR)).as("a later write of another allocation is projected")
                .isEqualTo(21 * HOUR);
        awaitLetters(4);
        List<JsonNode> letters = lettersOf("poisoned");
        assertThat(supplemented("poisoned")).as("the event behind the unreadable one is parked, not projected")
                .isZero();

        JsonNode balancesFirst = letterOf(letters, "balances", 0);
        assertThat(balancesFirst.get("eventIdentifier").asText()).isEqualTo(unreadable);
        assertThat(balancesFirst.get("aggregateIdentifier").asText()).isEqualTo("poisoned");
        assertThat(balancesFirst.get("payloadType").asText()).endsWith("AllocationSupplemented");
        assertThat(balancesFirst.at("/cause/type").asText()).isNotBlank();
        assertThat(balancesFirst.at("/cause/message").asText()).contains("lots");
        assertThat(balancesFirst.get("enqueuedAt").asText()).isNotBlank();
        assertThat(letterOf(letters, "balances", 1).get("cause").isNull())
                .as("the next event of the allocation waits behind it, with no cause of its own").isTrue();
        assertThat(letterOf(letters, "journal", 0).get("eventIdentifier").asText()).isEqualTo(unreadable);

        Answer health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        JsonNode projections = health.body().at("/components/projections");
        assertThat(projections.get("status").asText()).isEqualTo("DOWN");
        assertThat(projections.at("/details/balances/status").asText()).isEqualTo("DOWN");
        assertThat(projections.at("/details/balances/deadLetters").asLong()).isEqualTo(2);
        assertThat(projections.at("/details/balances/oldestDeadLetter/eventIdentifier").asText()).isEqualTo(unreadable);
        assertThat(projections.at("/details/balances/oldestDeadLetter/causeMessage").asText()).contains("lots");
        assertThat(projections.at("/details/reason").asText()).contains("balances").contains(unreadable);
        assertThat(projections.at("/details/catalogue/status").asText()).isEqualTo("UP");

        ProjectionLag.Lag balancesLag = lag.of("balances").orElseThrow();
        assertThat(balancesLag.parked()).isEqualTo(2);
        assertThat(balancesLag.events()).as("parked events are not projected").isGreaterThanOrEqualTo(2);

        Answer stillFailing = http.post("/api/v1/admin/dead-letters/" + balancesFirst.get("id").asText()
                + "/retry", "");
        assertThat(stillFailing.status()).isEqualTo(200);
        assertThat(stillFailing.body().get("outcome").asText()).isEqualTo("STILL_FAILING");
        assertThat(stillFailing.body().at("/cause/message").asText()).contains("lots");
        assertThat(stillFailing.body().get("lettersLeftInSequence").asLong()).isEqualTo(2);

        store.repair(unreadable, 5 * HOUR);
        retryEveryFirstLetterOf("poisoned");
        assertThat(supplemented("poisoned")).as("the repaired event and the one behind it, in order")
                .isEqualTo(15 * HOUR);
        Answer healthy = http.get("/actuator/health");
        assertThat(healthy.status()).as(healthy.text()).isEqualTo(200);
        assertThat(lag.of("balances").orElseThrow().parked()).isZero();
    }

    @Test
    void a_rebuild_fails_on_an_unreadable_event_naming_it_and_leaves_the_live_balances_as_they_were() {
        Catalogue.grant(http, "rebuilt", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "dlr@a100");
        awaitSupplemented("rebuilt", 0);
        String unreadable = store.appendUnreadable("rebuilt", "s-unreadable");
        awaitLetters(2);
        long healthyBefore = supplemented("healthy");

        RebuildProgress rebuild = rebuilds.rebuildNow("balances");

        assertThat(rebuild.phase()).isEqualTo(RebuildProgress.Phase.FAILED);
        assertThat(rebuild.failure()).contains(unreadable).contains("rebuilt").contains("cannot be read")
                .contains("gpuSeconds");
        assertThat(supplemented("healthy")).isEqualTo(healthyBefore);
        assertThat(lettersOf("rebuilt")).as("the dead letters stay: nothing was rebuilt").hasSize(2);

        store.repair(unreadable, HOUR);
        retryEveryFirstLetterOf("rebuilt");
    }

    @Test
    void dead_letters_are_listed_a_bounded_page_at_a_time_and_an_unknown_letter_is_a_404_problem() {
        Catalogue.grant(http, "listed", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "lis@a100");
        awaitSupplemented("listed", 0);
        String unreadable = store.appendUnreadable("listed", "s-unreadable");
        store.appendReadable("listed", "s-behind", HOUR);
        List<String> all = awaitLetters(4).stream().map(letter -> letter.get("id").asText()).toList();

        List<String> paged = new ArrayList<>();
        String after = null;
        for (int page = 0; page <= all.size(); page++) {
            Answer answer = http.get("/api/v1/admin/dead-letters?limit=1" + (after == null ? "" : "&after=" + after));
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            answer.body().get("items").forEach(letter -> paged.add(letter.get("id").asText()));
            JsonNode next = answer.body().get("next");
            assertThat(next == null || !next.isNull()).as("the last page has no next cursor, not a null one").isTrue();
            after = next == null ? null : next.asText();
            if (after == null) {
                break;
            }
        }
        assertThat(paged).as("pages of one, in the queue's order, end to end").isEqualTo(all);

        Answer tooMany = http.get("/api/v1/admin/dead-letters?limit=" + (DeadLetters.PAGE_LIMIT_MAX + 1));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().get("detail").asText()).contains("limit");
        Answer badCursor = http.get("/api/v1/admin/dead-letters?after=not-a-cursor");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.body().get("detail").asText()).contains("after");

        Answer unknown = http.post("/api/v1/admin/dead-letters/no-such-letter/retry", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asText()).endsWith("/unknown-reference");
        assertThat(unknown.body().get("detail").asText()).contains("no-such-letter");

        store.repair(unreadable, HOUR);
        retryEveryFirstLetterOf("listed");
        assertThat(supplemented("listed")).isEqualTo(2 * HOUR);
    }

    private void retryEveryFirstLetterOf(String aggregate) {
        for (String group : List.of("balances", "journal")) {
            JsonNode first = letterOf(lettersOf(aggregate), group, 0);
            Answer retried = http.post("/api/v1/admin/dead-letters/" + first.get("id").asText() + "/retry", "");
            assertThat(retried.status()).as(retried.text()).isEqualTo(200);
            assertThat(retried.body().get("outcome").asText()).isEqualTo("PROCESSED");
            assertThat(retried.body().get("lettersLeftInSequence").asLong()).isZero();
        }
        assertThat(lettersOf(aggregate)).isEmpty();
    }

    private List<JsonNode> lettersOf(String aggregate) {
        List<JsonNode> letters = new ArrayList<>();
        http.get("/api/v1/admin/dead-letters?limit=" + DeadLetters.PAGE_LIMIT_MAX).body().get("items")
                .forEach(letter -> {
                    if (letter.get("aggregateIdentifier").asText().equals(aggregate)) {
                        letters.add(letter);
                    }
                });
        return letters;
    }

    private void supplement(String allocationId, String supplementId, long gpuHours) {
        Catalogue.ok(http.post("/api/v1/allocations/" + allocationId + "/supplements", """
                {"supplementId": "%s", "gpuHours": %d, "reason": "demande au fil de l'eau"}"""
                .formatted(supplementId, gpuHours)));
    }

    private long awaitSupplemented(String allocationId, long gpuSeconds) {
        return http.await("/api/v1/allocations/" + allocationId,
                answer -> answer.body().at("/supplemented/gpuSeconds").asLong() == gpuSeconds)
                .body().at("/supplemented/gpuSeconds").asLong();
    }

    private long supplemented(String allocationId) {
        return http.get("/api/v1/allocations/" + allocationId).body().at("/supplemented/gpuSeconds").asLong();
    }

    private List<JsonNode> awaitLetters(int count) {
        Answer answer = http.await("/api/v1/admin/dead-letters", a -> a.body().get("items").size() >= count);
        List<JsonNode> letters = new ArrayList<>();
        answer.body().get("items").forEach(letters::add);
        assertThat(letters).as(answer.text()).hasSizeGreaterThanOrEqualTo(count);
        return letters;
    }

    /** The letter at {@code place} (0: the first) of the processing group's sequence, in the listed order. */
    private static JsonNode letterOf(List<JsonNode> letters, String processingGroup, int place) {
        List<JsonNode> ofGroup = letters.stream()
                .filter(letter -> letter.get("processingGroup").asText().equals(processingGroup)).toList();
        assertThat(ofGroup).as("letters of " + processingGroup + " in " + letters).hasSizeGreaterThan(place);
        return ofGroup.get(place);
    }
}
