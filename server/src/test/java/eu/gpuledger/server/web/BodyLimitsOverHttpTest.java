package eu.gpuledger.server.web;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static eu.gpuledger.server.web.ProblemAssert.isProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole bodies are bounded by the kind of endpoint: a JSON write is small (64 KiB by default), an import streams
 * and may be large (1 MiB in these tests, 512 MiB by default). Past its bound a request is refused with 413, whether
 * it declares its length or streams in chunks, and a refused JSON write stores nothing.
 */
@EdgeTest
class BodyLimitsOverHttpTest extends OverHttp {

    private static final int JSON_BODY_BYTES = 64 * 1024;
    private static final int IMPORT_BODY_BYTES = 1024 * 1024;
    private static final String SACCT_HEADER = "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n";

    @Autowired
    WebServerApplicationContext context;

    @BeforeEach
    void catalogue() {
        Catalogue.idrisWithA100AndV100(http);
        Catalogue.grant(http, "limited", "jz-a100", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "lim@a100");
    }

    @Test
    void an_oversized_json_body_is_refused_with_413() {
        long head = eventStoreHead();
        Answer answer = http.post("/api/v1/allocations/limited/supplements", supplementWithReason(JSON_BODY_BYTES));
        isProblem(answer, 413, "body-too-large", "65536 bytes", "ledger.limits.json-body-bytes");
        assertThat(eventStoreHead()).isEqualTo(head);
    }

    @Test
    void an_oversized_json_body_sent_in_chunks_is_refused_with_413() {
        long head = eventStoreHead();
        byte[] body = supplementWithReason(JSON_BODY_BYTES).getBytes(StandardCharsets.UTF_8);
        Answer answer = http.send(HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
                "/api/v1/allocations/limited/supplements");
        isProblem(answer, 413, "body-too-large", "65536 bytes");
        assertThat(eventStoreHead()).isEqualTo(head);
    }

    @Test
    void a_json_body_just_within_its_limit_is_read() {
        String body = supplementWithReason(10);
        // white space pads the body to its limit: a reason that long would be refused on its own (docs/bounds.md)
        String fitting = body.replace("{", "{" + " ".repeat(JSON_BODY_BYTES - body.length()));
        assertThat(fitting.getBytes(StandardCharsets.UTF_8)).hasSize(JSON_BODY_BYTES);
        Answer answer = http.post("/api/v1/allocations/limited/supplements", fitting);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void a_fifty_megabyte_reason_is_refused_and_nothing_is_stored() {
        long head = eventStoreHead();
        Answer answer = http.send(HttpRequest.newBuilder().header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(supplementWithReason(50 * 1024 * 1024))),
                "/api/v1/allocations/limited/supplements");
        isProblem(answer, 413, "body-too-large", "ledger.limits.json-body-bytes");
        assertThat(eventStoreHead()).as("no event of the refused supplement").isEqualTo(head);
        Answer balance = http.get("/api/v1/allocations/limited");
        assertThat(balance.body().at("/supplemented/gpuSeconds").asLong()).isZero();
    }

    @Test
    void an_import_may_be_larger_than_a_json_body() {
        String text = sacctOfBytes(4 * JSON_BODY_BYTES);
        Answer answer = http.post("/api/v1/usage/sacct?cluster=jean-zay", text, "text/plain");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void an_oversized_streamed_import_is_refused_with_413() {
        byte[] text = sacctOfBytes(IMPORT_BODY_BYTES + 64 * 1024).getBytes(StandardCharsets.UTF_8);
        Answer answer = http.send(HttpRequest.newBuilder().header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(text))),
                "/api/v1/usage/sacct?cluster=jean-zay");
        isProblem(answer, 413, "body-too-large", "1048576 bytes", "ledger.limits.import-body-bytes");
    }

    @Test
    void an_import_that_declares_an_oversized_length_is_refused_before_it_is_read() {
        long head = eventStoreHead();
        byte[] text = sacctOfBytes(IMPORT_BODY_BYTES + 1).getBytes(StandardCharsets.UTF_8);
        Answer answer = http.send(HttpRequest.newBuilder().header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(text)), "/api/v1/usage/sacct?cluster=jean-zay");
        isProblem(answer, 413, "body-too-large", "1048576 bytes", "ledger.limits.import-body-bytes");
        assertThat(eventStoreHead()).as("not a line of it read").isEqualTo(head);
    }

    @Test
    void an_oversized_usage_records_import_is_refused_with_413() {
        StringBuilder records = new StringBuilder("[");
        while (records.length() <= IMPORT_BODY_BYTES) {
            records.append("{\"recordId\": \"r-").append(records.length()).append("\"},");
        }
        records.append("{}]");
        isProblem(http.post("/api/v1/usage/records", records.toString()), 413, "body-too-large", "1048576 bytes");
    }

    private static String supplementWithReason(int reasonCharacters) {
        return """
                {"supplementId": "s-large", "gpuHours": 1, "reason": "%s"}""".formatted("x".repeat(reasonCharacters));
    }

    /** sacct lines of jobs on an account no allocation holds (kept unmatched), about {@code bytes} long in all. */
    private static String sacctOfBytes(int bytes) {
        StringBuilder text = new StringBuilder(SACCT_HEADER);
        for (int job = 1; text.length() < bytes; job++) {
            text.append(job).append('|').append(job).append("|nobody@a100|amartin|gpu_p5|")
                    .append("billing=8,cpu=8,gres/gpu:a100=1,gres/gpu=1,node=1|60|2026-10-12T08:00:00|")
                    .append("2026-10-12T08:01:00|COMPLETED\n");
        }
        return text.toString();
    }

    @Test
    void tomcat_parses_a_form_only_up_to_the_json_limit() {
        TomcatWebServer tomcat = (TomcatWebServer) context.getWebServer();
        assertThat(tomcat.getTomcat().getConnector().getMaxPostSize()).isEqualTo(JSON_BODY_BYTES);
    }
}
