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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON usage records are judged one by one (docs/ingestion.md): an element that is not a valid record is rejected
 * with its index and reason, the others are read; a body cut off is booked up to the break. In every case what
 * the answer says was accepted is exactly what the usage store holds and the balance shows. This context takes
 * at most 6 lines (elements) an import, to show the 413 past that bound.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {"ledger.test.database=usage-records-one-by-one", "ledger.limits.import-lines=6",
        "ledger.limits.import-line-chars=600"})
class UsageRecordsOneByOneOverHttpTest extends OverHttp {

    private static final String OCTOBER = "2026-10-01T00:00:00Z";
    private static final String NEXT_OCTOBER = "2027-10-01T00:00:00Z";

    @Test
    void an_element_that_is_not_a_record_is_rejected_with_its_index_and_the_others_are_booked() {
        UsageScenario centre = centre("mixed");
        String body = "[5, " + record(centre, "m-1", 3600) + ", \"text\", [1, 2], "
                + record(centre, "m-2", 600).replace("\"gpus\": 2", "\"gpus\": 2.5") + ", "
                + record(centre, "m-3", 1800) + "]";

        JsonNode answer = importRecords(body);

        assertThat(answer.get("accepted").asLong()).isEqualTo(2);
        assertThat(answer.get("rejectedTotal").asLong()).isEqualTo(4);
        assertThat(reasonOf(answer, 1)).contains("is not a usage record").contains("a number");
        assertThat(reasonOf(answer, 3)).contains("a string");
        assertThat(reasonOf(answer, 4)).contains("an array");
        assertThat(reasonOf(answer, 5)).contains("gpus must be a whole number, got 2.5");
        assertStoredAsAnswered(centre, answer, List.of("m-1", "m-3"), 2 * 3600 + 2 * 1800);
    }

    @Test
    void records_with_unknown_missing_doubled_or_out_of_range_fields_are_rejected_naming_the_field() {
        UsageScenario centre = centre("fields");
        String good = record(centre, "f-ok", 3600);
        String body = "[" + String.join(", ",
                record(centre, "f-1", 60).replace("\"gpus\": 2", "\"gpuHours\": 2"),
                record(centre, "f-2", 60).replace("\"jobId\": \"f-2\", ", ""),
                record(centre, "f-3", 60).replace("\"gpus\": 2", "\"gpus\": 2, \"gpus\": 3"),
                record(centre, "f-4", 60).replace("\"gpus\": 2", "\"gpus\": 100001"),
                record(centre, "f-5", 31_622_401),
                good) + "]";

        JsonNode answer = importRecords(body);

        assertThat(reasonOf(answer, 1)).contains("unknown field 'gpuHours'");
        assertThat(reasonOf(answer, 2)).contains("jobId is required");
        assertThat(reasonOf(answer, 3)).contains("gives gpus twice");
        assertThat(reasonOf(answer, 4)).contains("gpus must be in [0, 100000]");
        assertThat(reasonOf(answer, 5)).contains("elapsedSeconds must be in [0, 31622400]");
        assertStoredAsAnswered(centre, answer, List.of("f-ok"), 2 * 3600);
    }

    @Test
    void an_element_longer_than_the_longest_line_is_rejected_and_the_next_one_read() {
        UsageScenario centre = centre("long");
        String padded = record(centre, "l-1", 60).replace("\"user\": \"amartin\"",
                "\"user\": \"amartin\"" + " ".repeat(600));
        JsonNode answer = importRecords("[" + padded + ", " + record(centre, "l-2", 60) + "]");

        assertThat(reasonOf(answer, 1)).contains("more than 600 (ledger.limits.import-line-chars)");
        assertStoredAsAnswered(centre, answer, List.of("l-2"), 2 * 60);
    }

    @Test
    void a_body_cut_off_in_the_middle_of_an_element_books_the_elements_before_it_and_names_the_break() {
        UsageScenario centre = centre("cut");
        String whole = "[" + record(centre, "c-1", 3600) + ", " + record(centre, "c-2", 600) + ", "
                + record(centre, "c-3", 60) + "]";
        String cut = whole.substring(0, whole.indexOf("\"c-3\"") + 10);

        JsonNode answer = importRecords(cut);

        assertThat(answer.get("accepted").asLong()).isEqualTo(2);
        assertThat(answer.get("rejectedTotal").asLong()).isEqualTo(1);
        assertThat(reasonOf(answer, 3)).contains("cannot be read").contains("element 3 and anything after it");
        assertStoredAsAnswered(centre, answer, List.of("c-1", "c-2"), 2 * 3600 + 2 * 600);
    }

    @Test
    void a_body_cut_off_between_elements_or_invalid_midway_is_booked_up_to_the_break() {
        UsageScenario centre = centre("unclosed");
        JsonNode unclosed = importRecords("[" + record(centre, "u-1", 3600) + ", ");
        assertThat(unclosed.get("accepted").asLong()).isEqualTo(1);
        assertThat(reasonOf(unclosed, 2)).contains("element 2");

        JsonNode garbage = importRecords("[" + record(centre, "u-2", 600) + ", {\"recordId\" 7}, "
                + record(centre, "u-3", 60) + "]");
        assertThat(garbage.get("accepted").asLong()).isEqualTo(1);
        assertThat(garbage.get("chargedGpuSeconds").asLong()).isEqualTo(2 * 600);
        assertThat(reasonOf(garbage, 2)).contains("cannot be read");
        assertStored(centre, List.of("u-1", "u-2"), 2 * 3600 + 2 * 600);
        assertThat(count("SELECT count(*) FROM usage_record WHERE record_id = 'u-3'"))
                .as("nothing after the break is read").isZero();
    }

    @Test
    void a_string_longer_than_the_longest_line_stops_the_reading_there_and_what_came_before_is_booked() {
        UsageScenario centre = centre("longtext");
        String longUser = record(centre, "t-2", 60).replace("\"user\": \"amartin\"",
                "\"user\": \"" + "u".repeat(700) + "\"");
        JsonNode answer = importRecords("[" + record(centre, "t-1", 60) + ", " + longUser + ", "
                + record(centre, "t-3", 60) + "]");

        assertThat(reasonOf(answer, 2)).contains("cannot be read").contains("element 2 and anything after it");
        assertStoredAsAnswered(centre, answer, List.of("t-1"), 2 * 60);
    }

    @Test
    void a_body_that_is_not_an_array_is_refused_whole() {
        Answer answer = http.post("/api/v1/usage/records", "{\"recordId\": \"x\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("detail").asText()).startsWith("body ");
    }

    @Test
    void records_past_the_most_an_import_may_carry_are_not_read_and_the_413_states_what_was_booked() {
        UsageScenario centre = centre("many");
        List<String> records = new ArrayList<>();
        for (int element = 1; element <= 7; element++) {
            records.add(record(centre, "n-" + element, 60));
        }
        Answer answer = http.post("/api/v1/usage/records", "[" + String.join(", ", records) + "]");

        assertThat(answer.status()).as(answer.text()).isEqualTo(413);
        assertThat(answer.body().get("type").asText()).endsWith("/import-too-large");
        assertThat(answer.body().get("detail").asText()).contains("more than 6 elements");
        assertThat(answer.body().get("lastLineRead").asLong()).isEqualTo(6);
        assertStoredAsAnswered(centre, answer.body(), List.of("n-1", "n-2", "n-3", "n-4", "n-5", "n-6"), 6 * 2 * 60);
    }

    @Test
    void sacct_lines_past_the_most_an_import_may_carry_are_not_read_and_the_413_states_what_was_booked() {
        UsageScenario centre = centre("manylines");
        List<String> lines = new ArrayList<>();
        for (int line = 1; line <= 7; line++) {
            lines.add(job("7" + line, "abc@h100", "gpu_p6", 60, "2026-10-12T08:59:00", "2026-10-12T09:00:00"));
        }
        Answer answer = http.post("/api/v1/usage/sacct?cluster=" + centre.cluster, sacct(lines.toArray(String[]::new)),
                "text/plain");

        assertThat(answer.status()).as(answer.text()).isEqualTo(413);
        assertThat(answer.body().get("accepted").asLong()).isEqualTo(6);
        assertThat(answer.body().get("lastLineRead").asLong()).as("the header is line 1").isEqualTo(7);
        assertThat(count("SELECT count(*) FROM usage_record WHERE cluster = '" + centre.cluster + "'")).isEqualTo(6);
        centre.balanceOnceConsumed("manylines-alloc", 6 * 2 * 60);
    }

    @Test
    void a_job_past_the_most_an_allocation_can_be_charged_is_refused_on_its_own() {
        UsageScenario centre = centre("giant");
        String giant = record(centre, "g-1", 31_622_400).replace("\"gpus\": 2", "\"gpus\": 100000");
        JsonNode answer = importRecords("[" + giant + ", " + record(centre, "g-2", 60) + "]");

        assertThat(reasonOf(answer, 1)).contains("past the most an allocation can be charged");
        assertStoredAsAnswered(centre, answer, List.of("g-2"), 2 * 60);
        JsonNode again = importRecords("[" + giant + "]");
        assertThat(reasonOf(again, 1)).as("the refused job was not booked: it is judged again")
                .contains("past the most an allocation can be charged");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private UsageScenario centre(String name) {
        UsageScenario centre = new UsageScenario(http, name, "UTC");
        centre.grant(name + "-alloc", "abc@h100", OCTOBER, NEXT_OCTOBER);
        return centre;
    }

    /** A record of 2 GPUs on the scenario's H100 pool, ending inside the allocation's period. */
    private static String record(UsageScenario centre, String recordId, long elapsedSeconds) {
        return """
                {"recordId": "%s", "cluster": "%s", "jobId": "%s", "account": "abc@h100", "partition": "gpu_p6", \
                "user": "amartin", "gpus": 2, "start": "2026-10-12T08:00:00Z", "end": "2026-10-12T09:00:00Z", \
                "elapsedSeconds": %d}""".formatted(recordId, centre.cluster, recordId, elapsedSeconds);
    }

    private JsonNode importRecords(String body) {
        Answer answer = http.post("/api/v1/usage/records", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    private static String reasonOf(JsonNode answer, long element) {
        for (JsonNode rejection : answer.get("rejected")) {
            if (rejection.get("line").asLong() == element) {
                return rejection.get("reason").asText();
            }
        }
        throw new AssertionError("element " + element + " is not rejected in " + answer);
    }

    /**
     * The usage store holds exactly the records answered as accepted (by this answer, the centre's first import),
     * and the answer and the balance their charge.
     */
    private void assertStoredAsAnswered(UsageScenario centre, JsonNode answer, List<String> recordIds,
                                        long chargedGpuSeconds) {
        assertThat(answer.get("accepted").asLong()).isEqualTo(recordIds.size());
        assertThat(answer.get("chargedGpuSeconds").asLong()).isEqualTo(chargedGpuSeconds);
        assertStored(centre, recordIds, chargedGpuSeconds);
    }

    /** The usage store holds exactly these records of the centre, and the balance their charge. */
    private void assertStored(UsageScenario centre, List<String> recordIds, long chargedGpuSeconds) {
        List<String> stored = jdbc.queryForList("SELECT record_id FROM usage_record WHERE cluster = ? ORDER BY record_id",
                String.class, centre.cluster);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(recordIds);
        long storedSeconds = count("SELECT coalesce(sum(gpu_seconds), 0) FROM usage_record WHERE cluster = '"
                + centre.cluster + "'");
        assertThat(storedSeconds).isEqualTo(chargedGpuSeconds);
        centre.balanceOnceConsumed(centre.name + "-alloc", chargedGpuSeconds);
    }

}
