package eu.gpuledger.server.web;

import eu.gpuledger.server.support.Catalogue;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a scheduler hook on Jean Zay is told about an account as its consumption grows. */
@LedgerIntegrationTest
class QuotaOverHttpTest extends OverHttp {

    @Autowired
    @Qualifier("quotaHandlerMapping")
    HandlerMapping quotaLane;

    @Test
    void an_account_runs_then_runs_at_low_priority_then_is_blocked_beyond_its_effective_allocation() {
        Catalogue.idrisWithA100AndV100(http);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "quota-a100", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "quo@a100");

        assertThat(http.await("/api/v1/quota/quo@a100?cluster=jean-zay", a -> a.status() == 200
                && a.body().get("allocationId").asText().equals("quota-a100")).body().get("decision").asText())
                .isEqualTo("ALLOW");

        consume(http, "quo@a100", "q-1", now, 11 * 3600);
        Answer lowPriority = http.await("/api/v1/quota/quo@a100?cluster=jean-zay",
                a -> a.body().get("decision").asText().equals("LOW_PRIORITY"));
        assertThat(lowPriority.body().get("decision").asText()).isEqualTo("LOW_PRIORITY");
        assertThat(lowPriority.body().get("usedPercent").decimalValue()).isEqualByComparingTo("110.00");

        consume(http, "quo@a100", "q-2", now, 2 * 3600);
        Answer blocked = http.await("/api/v1/quota/quo@a100?cluster=jean-zay",
                a -> a.body().get("decision").asText().equals("DENY"));
        assertThat(blocked.body().get("decision").asText()).isEqualTo("DENY");
        assertThat(blocked.body().get("reason").asText()).contains("effective allocation");
        assertThat(blocked.body().at("/balance/gpuSeconds").asLong()).isEqualTo(-3 * 3600);
        assertThat(http.get("/api/v1/quota/blocked?cluster=jean-zay").text().lines()).contains("quo@a100");
    }

    @Test
    void the_answer_after_a_consumption_is_accepted_already_counts_it() {
        Catalogue.idrisWithA100AndV100(http);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Catalogue.grant(http, "quota-ryw", "jz-a100", 10, now.minus(30, ChronoUnit.DAYS).toString(),
                now.plus(300, ChronoUnit.DAYS).toString(), "ryw@a100");
        for (int job = 1; job <= 12; job++) {
            consume(http, "ryw@a100", "ryw-" + job, now, 3600);
            Answer answer = http.get("/api/v1/quota/ryw@a100?cluster=jean-zay");
            assertThat(answer.body().at("/balance/gpuSeconds").asLong()).as("right after job %d", job)
                    .isEqualTo((10 - job) * 3600L);
            assertThat(answer.body().get("decision").asText()).as("right after job %d", job)
                    .isEqualTo(job <= 10 ? "ALLOW" : "LOW_PRIORITY");
        }
    }

    @Test
    void an_account_without_an_allocation_in_force_is_denied_with_the_reason() {
        Answer answer = http.get("/api/v1/quota/nobody@a100?cluster=jean-zay");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("decision").asText()).isEqualTo("DENY");
        assertThat(answer.body().get("reason").asText()).contains("no allocation in force");
    }

    @Test
    void the_hooks_endpoints_have_their_own_lane_and_refuse_a_bad_request_as_any_other() throws Exception {
        Object quota = quotaLane.getHandler(parsed("GET", "/api/v1/quota/lane@a100")).getHandler();
        assertThat(((HandlerMethod) quota).getMethod().getName()).isEqualTo("quota");
        assertThat(quotaLane.getHandler(parsed("GET", "/api/v1/allocations/quota"))).isNull();

        Answer posted = http.post("/api/v1/quota/lane@a100?cluster=jean-zay", "{}");
        assertThat(posted.status()).isEqualTo(405);
        assertThat(posted.body().get("detail").asText()).contains("it takes GET");
        Answer noCluster = http.get("/api/v1/quota/lane@a100");
        assertThat(noCluster.status()).isEqualTo(400);
        assertThat(noCluster.body().get("detail").asText()).contains("cluster");
        Answer csv = http.send(HttpRequest.newBuilder().GET().header("Accept", "text/csv"),
                "/api/v1/quota/blocked?cluster=jean-zay");
        assertThat(csv.status()).isEqualTo(406);
        assertThat(csv.contentType()).startsWith("application/problem+json");
    }

    private static MockHttpServletRequest parsed(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setParameter("cluster", "jean-zay");
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    private static void consume(LedgerHttp http, String account, String jobId, Instant now, long gpuSeconds) {
        Catalogue.ok(http.post("/api/v1/usage/records", """
                [{"recordId": "jean-zay:%s", "cluster": "jean-zay", "jobId": "%s", "account": "%s",
                  "partition": "gpu_p5", "user": "u", "gpus": 1, "end": "%s", "elapsedSeconds": %d}]"""
                .formatted(jobId, jobId, account, now.minus(1, ChronoUnit.HOURS), gpuSeconds)));
    }
}
