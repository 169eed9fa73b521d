package eu.gpuledger.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator rebuilds a projection over HTTP and follows its progress until it completes. */
@LedgerIntegrationTest
class ProjectionRebuildOverHttpTest extends OverHttp {

    private static final Duration REBUILD_MAX = Duration.ofSeconds(60);

    @Test
    void a_rebuild_answers_its_progress_at_once_and_shows_it_until_it_completes() throws InterruptedException {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "rebuilt-2026", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                "reb@a100");

        Answer started = http.post("/api/v1/admin/projections/balances/rebuild", "");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertProgressOf(started.body(), "balances");

        List<String> phases = new ArrayList<>();
        Answer progress = started;
        long deadline = System.nanoTime() + REBUILD_MAX.toNanos();
        while (!isFinished(progress.body()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            progress = http.get("/api/v1/admin/projections/balances/rebuild");
            assertThat(progress.status()).as(progress.text()).isEqualTo(200);
            assertProgressOf(progress.body(), "balances");
            phases.add(progress.body().get("phase").asText());
        }
        JsonNode done = progress.body();
        assertThat(done.get("phase").asText()).as("phases seen: %s, last: %s", phases, progress.text())
                .isEqualTo("COMPLETED");
        assertThat(done.get("eventsDone").asLong()).isGreaterThanOrEqualTo(done.get("eventsTotal").asLong())
                .isPositive();
        assertThat(done.get("secondsLeft").asLong()).isZero();
        assertThat(done.get("finishedAt").asText()).isNotBlank();

        Answer balance = http.await("/api/v1/allocations/rebuilt-2026", answer -> answer.status() == 200);
        assertThat(balance.body().at("/granted/gpuSeconds").asLong()).as("the rebuilt view").isEqualTo(100 * 3600);
    }

    @Test
    void a_rebuild_of_an_unknown_projection_is_a_404_problem_naming_it() {
        Answer unknown = http.post("/api/v1/admin/projections/no-such-projection/rebuild", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).contains("no-such-projection");
    }

    private static void assertProgressOf(JsonNode progress, String projection) {
        assertThat(progress.get("projection").asText()).isEqualTo(projection);
        assertThat(progress.get("phase").asText()).isIn("REPLAYING", "CATCHING_UP", "COMPLETED");
        assertThat(progress.get("eventsDone").asLong()).isNotNegative();
        assertThat(progress.get("eventsTotal").asLong()).isNotNegative();
        assertThat(progress.get("startedAt").asText()).isNotBlank();
    }

    private static boolean isFinished(JsonNode progress) {
        String phase = progress.get("phase").asText();
        return phase.equals("COMPLETED") || phase.equals("FAILED");
    }
}
