package eu.gpuledger.server.usage;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static eu.gpuledger.server.usage.UsageScenario.job;
import static eu.gpuledger.server.usage.UsageScenario.sacct;
import static eu.gpuledger.server.usage.UsageScenario.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slurm accounting in over HTTP, against PostgreSQL: DOMAIN.md rules 1 to 4 as the import applies them, the
 * exactly-once keys of the usage store, the records kept for want of an allocation, and refunds. Each test
 * declares a centre of its own ({@link UsageScenario}), as the tests of this class share one database.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.test.database=usage-ingestion") // a database of its own: tests that read
// whole reports (SliceOverHttpTest) must not see these imports
class UsageIngestionOverHttpTest extends OverHttp {

    private static final String OCTOBER = "2026-10-01T00:00:00Z";
    private static final String NEXT_OCTOBER = "2027-10-01T00:00:00Z";

    @Test
    void importing_the_same_sacct_file_twice_changes_nothing_the_second_time() {
        UsageScenario centre = new UsageScenario(http, "twice", "UTC");
        centre.grant("twice-alloc", "abc@h100", OCTOBER, NEXT_OCTOBER);
        List<String> lines = new ArrayList<>();
        for (int job = 0; job < 50; job++) {
            String id = Integer.toString(7_000 + job);
            lines.add(job(id, "abc@h100", "gpu_p6", 3600 + job, "2026-10-12T08:00:00", "2026-10-12T09:00:00"));
            lines.add(step(id, "batch", "abc@h100"));
        }
        String file = sacct(lines.toArray(String[]::new));
        long charge = 0;
        for (int job = 0; job < 50; job++) {
            charge += 2L * (3600 + job);
        }

        JsonNode first = centre.importSacct(file).body();
        assertThat(first.get("accepted").asLong()).isEqualTo(50);
        assertThat(first.get("duplicates").asLong()).isZero();
        assertThat(first.at("/ignored/steps").asLong()).isEqualTo(50);
        assertThat(first.get("chargedGpuSeconds").asLong()).isEqualTo(charge);
        centre.balanceOnceConsumed("twice-alloc", charge);
        long eventsAfterFirst = eventsOf("twice-alloc");
        long totalEventsAfterFirst = count("SELECT count(*) FROM domain_event_entry");

        JsonNode second = centre.importSacct(file).body();
        assertThat(second.get("accepted").asLong()).isZero();
        assertThat(second.get("duplicates").asLong()).isEqualTo(50);
        assertThat(second.get("rejectedTotal").asLong()).isZero();
        assertThat(second.get("chargedGpuSeconds").asLong()).isZero();
        assertThat(eventsOf("twice-alloc")).isEqualTo(eventsAfterFirst);
        assertThat(count("SELECT count(*) FROM domain_event_entry")).isEqualTo(totalEventsAfterFirst);
        assertThat(count("SELECT count(*) FROM usage_record WHERE cluster = 'twice-cluster'")).isEqualTo(50);
        Answer balance = centre.balanceOnceConsumed("twice-alloc", charge);
        assertThat(balance.body().at("/balance/gpuSeconds").asLong()).isEqualTo(3_600_000 - charge);
    }

    @Test
    void the_same_job_with_different_content_is_a_conflict_reported_on_its_line_never_a_double_charge() {
        UsageScenario centre = new UsageScenario(http, "conflict", "UTC");
        centre.grant("conflict-alloc", "abc@h100", OCTOBER, NEXT_OCTOBER);
        centre.importSacct(sacct(job("8001", "abc@h100", "gpu_p6", 3600, "2026-10-12T08:00:00", "2026-10-12T09:00:00")));

        JsonNode answer = centre.importSacct(sacct(
                job("8002", "abc@h100", "gpu_p6", 600, "2026-10-12T08:50:00", "2026-10-12T09:00:00"),
                job("8001", "abc@h100", "gpu_p6", 7200, "2026-10-12T07:00:00", "2026-10-12T09:00:00"),
                job("8002", "abc@h100", "gpu_p6", 900, "2026-10-12T08:45:00", "2026-10-12T09:00:00"),
                job("8002", "abc@h100", "gpu_p6", 600, "2026-10-12T08:50:00", "2026-10-12T09:00:00"))).body();

        assertThat(answer.get("accepted").asLong()).isEqualTo(1);
        assertThat(answer.get("duplicates").asLong()).as("line 5 repeats line 2 exactly").isEqualTo(1);
        assertThat(answer.get("rejectedTotal").asLong()).isEqualTo(2);
        assertThat(answer.at("/rejected/0/line").asLong()).isEqualTo(3);
        assertThat(answer.at("/rejected/0/reason").asText()).contains("job 8001").contains("different content");
        assertThat(answer.at("/rejected/1/line").asLong()).isEqualTo(4);
        assertThat(answer.at("/rejected/1/reason").asText()).contains("job 8002").contains("different content");
        assertThat(answer.get("chargedGpuSeconds").asLong()).isEqualTo(2 * 600);
        centre.balanceOnceConsumed("conflict-alloc", 2 * 3600 + 2 * 600);
        assertThat(count("SELECT gpu_seconds FROM usage_record WHERE record_id = 'conflict-cluster:8001'"))
                .as("the first content stands").isEqualTo(2 * 3600);
    }

    @Test
    void kept_jobs_are_listed_a_page_at_a_time_in_record_id_order() {
        UsageScenario centre = new UsageScenario(http, "paged", "UTC");
        centre.importSacct(sacct(
                job("9103", "nobody@h100", "gpu_p6", 60, "2026-10-12T08:00:00", "2026-10-12T08:01:00"),
                job("9101", "nobody@h100", "gpu_p6", 60, "2026-10-12T08:00:00", "2026-10-12T08:01:00"),
                job("9102", "nobody@h100", "gpu_p6", 60, "2026-10-12T08:00:00", "2026-10-12T08:01:00")));

        JsonNode first = http.get("/api/v1/usage/unmatched?cluster=paged-cluster&limit=2").body();
        assertThat(first.get("items")).extracting(item -> item.get("recordId").asText())
                .containsExactly("paged-cluster:9101", "paged-cluster:9102");
        JsonNode second = http.get("/api/v1/usage/unmatched?cluster=paged-cluster&limit=2&after="
                + first.get("next").asText()).body();
        assertThat(second.get("items")).extracting(item -> item.get("recordId").asText())
                .containsExactly("paged-cluster:9103");
        assertThat(second.has("next")).as("the last page").isFalse();
        assertThat(http.get("/api/v1/usage/unmatched?limit=1001").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/usage/unmatched?cluster=" + "c".repeat(300)).status()).isEqualTo(400);
    }

    @Test
    void a_job_without_an_allocation_is_kept_with_its_reason_and_booked_once_by_the_retry_after_the_grant() {
        UsageScenario centre = new UsageScenario(http, "unmatched", "UTC");
        JsonNode refused = centre.importSacct(sacct(
                job("9001", "late@h100", "gpu_p6", 3600, "2026-10-12T08:00:00", "2026-10-12T09:00:00"))).body();
        assertThat(refused.get("accepted").asLong()).isZero();
        assertThat(refused.at("/rejected/0/line").asLong()).isEqualTo(2);
        assertThat(refused.at("/rejected/0/reason").asText())
                .contains("no allocation for scheduler account late@h100").contains("kept");
        assertThat(count("SELECT count(*) FROM usage_unmatched WHERE cluster = 'unmatched-cluster'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM usage_record WHERE cluster = 'unmatched-cluster'")).isZero();
        JsonNode kept = http.get("/api/v1/usage/unmatched?cluster=unmatched-cluster&account=late@h100").body();
        assertThat(kept.at("/items/0/recordId").asText()).isEqualTo("unmatched-cluster:9001");
        assertThat(kept.at("/items/0/reason").asText()).contains("no allocation for scheduler account late@h100");
        assertThat(kept.at("/items/0/gpuSeconds").asLong()).isEqualTo(7200);
        assertThat(kept.get("items")).hasSize(1);
        assertThat(kept.has("next")).as("one page holds it all: no next cursor").isFalse();
        assertThat(http.get("/api/v1/usage/unmatched?cluster=unmatched-cluster&account=other@h100").body()
                .get("items")).as("another account keeps nothing").isEmpty();
        assertThat(http.get("/api/v1/usage/unmatched?limit=0").status()).isEqualTo(400);

        JsonNode tooEarly = http.post("/api/v1/usage/unmatched/retry", "").body();
        assertThat(tooEarly.get("accepted").asLong()).isZero();
        assertThat(count("SELECT attempts FROM usage_unmatched WHERE record_id = 'unmatched-cluster:9001'")).isEqualTo(2);

        centre.grant("unmatched-alloc", "late@h100", OCTOBER, NEXT_OCTOBER);
        JsonNode retried = http.post("/api/v1/usage/unmatched/retry", "").body();
        assertThat(retried.get("accepted").asLong()).isGreaterThanOrEqualTo(1);
        centre.balanceOnceConsumed("unmatched-alloc", 7200);
        assertThat(count("SELECT count(*) FROM usage_unmatched WHERE cluster = 'unmatched-cluster'")).isZero();
        long events = eventsOf("unmatched-alloc");

        JsonNode again = http.post("/api/v1/usage/unmatched/retry", "").body();
        assertThat(again.get("accepted").asLong()).isZero();
        JsonNode reimported = centre.importSacct(sacct(
                job("9001", "late@h100", "gpu_p6", 3600, "2026-10-12T08:00:00", "2026-10-12T09:00:00"))).body();
        assertThat(reimported.get("duplicates").asLong()).isEqualTo(1);
        assertThat(eventsOf("unmatched-alloc")).isEqualTo(events);
        centre.balanceOnceConsumed("unmatched-alloc", 7200);
    }

    @Test
    void every_rejection_of_the_ingestion_layer_names_its_line_and_its_reason() {
        UsageScenario centre = new UsageScenario(http, "reasons", "UTC");
        centre.grant("reasons-alloc", "abc@h100", OCTOBER, NEXT_OCTOBER);
        centre.importSacct(sacct(job("100", "abc@h100", "gpu_p6", 3600, "2026-10-12T08:00:00", "2026-10-12T09:00:00")));

        JsonNode answer = centre.importSacct(sacct(
                job("101", "abc@h100", "gpu_p99", 3600, "2026-10-12T08:00:00", "2026-10-12T09:00:00"),
                job("102", "nobody@h100", "gpu_p6", 3600, "2026-10-12T08:00:00", "2026-10-12T09:00:00"),
                job("103", "abc@h100", "gpu_p6", 3600, "2027-11-02T08:00:00", "2027-11-02T09:00:00"),
                job("100", "abc@h100", "gpu_p6", 60, "2026-10-12T08:59:00", "2026-10-12T09:00:00"),
                "104|104|abc@h100|amartin|gpu_p6|" + UsageScenario.TWO_H100 + "|1h|2026-10-12T08:00:00|2026-10-12T09:00:00|COMPLETED",
                job("105", "abc@h100", "gpu_p6", 1800, "2026-10-12T08:30:00", "2026-10-12T09:00:00"))).body();

        assertThat(answer.get("accepted").asLong()).isEqualTo(1);
        assertThat(answer.get("chargedGpuSeconds").asLong()).isEqualTo(2 * 1800);
        assertThat(answer.get("rejectedTotal").asLong()).isEqualTo(5);
        JsonNode rejected = answer.get("rejected");
        assertThat(rejected.findValuesAsText("line")).containsExactlyInAnyOrder("2", "3", "4", "5", "6");
        assertThat(reasonOfLine(rejected, 2)).contains("Partition 'gpu_p99' is not a pool of cluster reasons-cluster");
        assertThat(reasonOfLine(rejected, 3)).contains("no allocation for scheduler account nobody@h100");
        assertThat(reasonOfLine(rejected, 4)).contains("ended at 2027-11-02T09:00:00Z")
                .contains("outside the period of every allocation").contains("reasons-alloc");
        assertThat(reasonOfLine(rejected, 5)).contains("job 100").contains("different content");
        assertThat(reasonOfLine(rejected, 6)).contains("ElapsedRaw '1h'");
        assertThat(count("SELECT count(*) FROM usage_unmatched WHERE cluster = 'reasons-cluster'"))
                .as("lines 3 and 4 are kept for a retry; the others cannot become chargeable").isEqualTo(2);
        centre.balanceOnceConsumed("reasons-alloc", 2 * 3600 + 2 * 1800);
    }

    @Test
    void uncharged_partitions_steps_and_jobs_that_never_started_are_counted_not_charged() {
        UsageScenario centre = new UsageScenario(http, "ignored", "UTC");
        centre.grant("ignored-alloc", "abc@h100", OCTOBER, NEXT_OCTOBER);
        JsonNode answer = centre.importSacct(sacct(
                job("200", "abc@h100", "gpu_p6", 3600, "2026-10-12T08:00:00", "2026-10-12T09:00:00"),
                step("200", "batch", "abc@h100"),
                step("200", "extern", "abc@h100"),
                "201|201|abc@h100|amartin|prepost|billing=4,cpu=4,mem=16G,node=1|900|2026-10-12T08:45:00|2026-10-12T09:00:00|COMPLETED",
                "202|202|abc@h100|amartin|gpu_p6||0|None|2026-10-12T09:00:00|CANCELLED by 0")).body();

        assertThat(answer.get("accepted").asLong()).isEqualTo(1);
        assertThat(answer.at("/ignored/steps").asLong()).isEqualTo(2);
        assertThat(answer.at("/ignored/uncharged").asLong()).isEqualTo(1);
        assertThat(answer.at("/ignored/zeroElapsed").asLong()).isEqualTo(1);
        assertThat(answer.get("rejectedTotal").asLong()).isZero();
        assertThat(answer.get("chargedGpuSeconds").asLong()).isEqualTo(7200);
        centre.balanceOnceConsumed("ignored-alloc", 7200);
    }

    @Test
    void a_job_is_charged_to_the_allocation_whose_period_holds_its_end_time() {
        UsageScenario centre = new UsageScenario(http, "periods", "UTC");
        centre.grant("periods-2026a", "abc@h100", "2026-04-01T00:00:00Z", OCTOBER);
        centre.grant("periods-2026b", "abc@h100", OCTOBER, "2027-04-01T00:00:00Z");

        JsonNode answer = centre.importSacct(sacct(
                job("300", "abc@h100", "gpu_p6", 3600, "2026-09-30T22:00:00", "2026-09-30T23:00:00"),
                job("301", "abc@h100", "gpu_p6", 10_800, "2026-09-30T22:00:00", "2026-10-01T01:00:00"),
                job("302", "abc@h100", "gpu_p6", 600, "2026-09-30T23:50:00", "2026-10-01T00:00:00"))).body();

        assertThat(answer.get("accepted").asLong()).isEqualTo(3);
        centre.balanceOnceConsumed("periods-2026a", 2 * 3600);
        centre.balanceOnceConsumed("periods-2026b", 2 * 10_800 + 2 * 600);
        assertThat(allocationOf("periods-cluster:302")).as("periods are half-open: the end instant is the next's")
                .isEqualTo("periods-2026b");
    }

    @Test
    void a_paris_cluster_job_ending_at_half_past_one_local_belongs_to_the_period_ending_at_midnight_utc() {
        UsageScenario paris = new UsageScenario(http, "paris", "Europe/Paris");
        paris.grant("paris-2026a", "abc@h100", "2026-04-01T00:00:00Z", OCTOBER);
        paris.grant("paris-2026b", "abc@h100", OCTOBER, "2027-04-01T00:00:00Z");
        UsageScenario utc = new UsageScenario(http, "utc", "UTC");
        utc.grant("utc-2026a", "abc@h100", "2026-04-01T00:00:00Z", OCTOBER);
        utc.grant("utc-2026b", "abc@h100", OCTOBER, "2027-04-01T00:00:00Z");
        String sameText = sacct(job("400", "abc@h100", "gpu_p6", 3600, "2026-10-01T00:30:00", "2026-10-01T01:30:00"));

        assertThat(paris.importSacct(sameText).body().get("accepted").asLong()).isEqualTo(1);
        assertThat(utc.importSacct(sameText).body().get("accepted").asLong()).isEqualTo(1);

        assertThat(allocationOf("paris-cluster:400")).as("01:30 CEST is 23:30 UTC the day before").isEqualTo("paris-2026a");
        assertThat(allocationOf("utc-cluster:400")).isEqualTo("utc-2026b");
        paris.balanceOnceConsumed("paris-2026a", 7200);
        paris.balanceOnceConsumed("paris-2026b", 0);
        utc.balanceOnceConsumed("utc-2026b", 7200);
    }

    @Test
    void a_refund_gives_back_all_or_part_of_a_charge_never_more_and_is_idempotent_on_its_refund_id() {
        UsageScenario centre = new UsageScenario(http, "refunds", "UTC");
        centre.grant("refunds-alloc", "abc@h100", OCTOBER, NEXT_OCTOBER);
        centre.importSacct(sacct(
                job("500", "abc@h100", "gpu_p6", 3600, "2026-10-12T08:00:00", "2026-10-12T09:00:00"),
                job("501", "abc@h100", "gpu_p6", 1800, "2026-10-12T08:30:00", "2026-10-12T09:00:00")));
        centre.balanceOnceConsumed("refunds-alloc", 7200 + 3600);

        Answer whole = refund("refunds-cluster:501", "r-whole", null);
        assertThat(whole.status()).as(whole.text()).isEqualTo(200);
        Answer part = refund("refunds-cluster:500", "r-part", 1000L);
        assertThat(part.status()).as(part.text()).isEqualTo(200);
        Answer replay = refund("refunds-cluster:500", "r-part", 1000L);
        assertThat(replay.status()).as("the same refund again is the first one").isEqualTo(200);
        Answer conflicting = refund("refunds-cluster:500", "r-part", 2000L);
        assertThat(conflicting.status()).as(conflicting.text()).isEqualTo(409);
        Answer tooMuch = refund("refunds-cluster:500", "r-more", 6201L);
        assertThat(tooMuch.status()).as(tooMuch.text()).isEqualTo(422);
        assertThat(tooMuch.body().get("detail").asText()).contains("at most 6200");
        Answer rest = refund("refunds-cluster:500", "r-rest", null);
        assertThat(rest.status()).as(rest.text()).isEqualTo(200);
        Answer beyond = refund("refunds-cluster:500", "r-beyond", 1L);
        assertThat(beyond.status()).isEqualTo(422);
        Answer unknown = refund("refunds-cluster:999", "r-unknown", null);
        assertThat(unknown.status()).isEqualTo(404);

        Answer balance = http.await("/api/v1/allocations/refunds-alloc",
                answer -> answer.status() == 200 && answer.body().at("/refunded/gpuSeconds").asLong() == 10_800);
        assertThat(balance.body().at("/refunded/gpuSeconds").asLong()).isEqualTo(3600 + 1000 + 6200);
        assertThat(balance.body().at("/consumed/gpuSeconds").asLong()).isEqualTo(10_800);
        assertThat(balance.body().at("/balance/gpuSeconds").asLong()).isEqualTo(3_600_000);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'refunds-alloc'"
                + " AND payload_type LIKE '%ConsumptionRefunded'")).as("three refunds, none replayed twice").isEqualTo(3);
    }

    private Answer refund(String recordId, String refundId, Long gpuSeconds) {
        return http.post("/api/v1/usage/" + recordId + "/refunds", """
                {"refundId": "%s", %s "reason": "node failure"}""".formatted(refundId,
                gpuSeconds == null ? "" : "\"gpuSeconds\": " + gpuSeconds + ","));
    }

    private static String reasonOfLine(JsonNode rejected, long line) {
        for (JsonNode rejection : rejected) {
            if (rejection.get("line").asLong() == line) {
                return rejection.get("reason").asText();
            }
        }
        throw new AssertionError("no rejection on line " + line + " in " + rejected);
    }

    private String allocationOf(String recordId) {
        return jdbc.queryForObject("SELECT allocation_id FROM usage_record WHERE record_id = ?", String.class, recordId);
    }

    private long eventsOf(String allocationId) {
        return count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + allocationId + "'");
    }

}
