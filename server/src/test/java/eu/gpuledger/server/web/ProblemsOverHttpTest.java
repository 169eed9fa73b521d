package eu.gpuledger.server.web;

import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.http.HttpRequest;

import static eu.gpuledger.server.web.ProblemAssert.isProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever goes wrong, a client is told in one shape: a problem whose detail names the path, field or parameter. */
@EdgeTest
@ExtendWith(OutputCaptureExtension.class)
class ProblemsOverHttpTest extends OverHttp {

    @Test
    void an_unknown_path_is_a_problem_not_springs_error_page() {
        isProblem(http.get("/api/v1/nothing-is-here"), 404, "unknown-path", "/api/v1/nothing-is-here");
        isProblem(http.post("/api/v1/nothing-is-here", "{}"), 404, "unknown-path", "/api/v1/nothing-is-here");
    }

    @Test
    void a_path_that_tomcat_cannot_decode_is_a_problem_too() {
        isProblem(http.get("/api/v1/allocations/%ff%fe"), 400, "malformed-request", "%-encoding");
        isProblem(http.post("/api/v1/allocations/%E2%82/supplements", "{}"), 400, "malformed-request", "malformed");
    }

    @Test
    void an_unknown_static_resource_is_a_problem_too() {
        isProblem(http.get("/favicon.ico"), 404, "unknown-path", "/favicon.ico");
        isProblem(http.get("/static/ledger.css"), 404, "unknown-path", "/static/ledger.css");
    }

    @Test
    void the_error_path_itself_answers_a_problem() {
        Answer answer = http.get("/error");
        assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
        assertThat(answer.body().has("timestamp")).as(answer.text()).isFalse();
    }

    @Test
    void a_method_the_path_does_not_take_is_a_405_problem_naming_the_methods_it_takes() {
        Answer answer = http.delete("/api/v1/providers", "");
        isProblem(answer, 405, "method-not-allowed", "DELETE", "GET");
    }

    @Test
    void an_answer_the_client_cannot_accept_is_a_406_problem() {
        Answer answer = http.send(HttpRequest.newBuilder().header("Accept", "image/png").GET(), "/api/v1/providers");
        isProblem(answer, 406, "not-acceptable", "image/png", "application/json");
    }

    @Test
    void a_body_of_a_media_type_the_endpoint_does_not_read_is_a_415_problem() {
        Answer answer = http.post("/api/v1/allocations", "allocationId=a-1", "application/x-www-form-urlencoded");
        isProblem(answer, 415, "unsupported-media-type", "application/x-www-form-urlencoded", "application/json");
        isProblem(http.post("/api/v1/usage/sacct?cluster=jean-zay", "[]", "application/json"), 415,
                "unsupported-media-type", "application/json", "text/plain");
    }

    @Test
    void a_missing_query_parameter_is_a_400_problem_naming_it() {
        isProblem(http.post("/api/v1/usage/sacct", "JobID|JobIDRaw\n", "text/plain"), 400, "missing-parameter",
                "cluster");
    }

    @Test
    void a_query_parameter_of_the_wrong_type_is_a_400_problem_naming_it() {
        isProblem(http.get("/api/v1/test-only/pages?limit=many"), 400, "invalid-parameter", "limit", "many");
    }

    @Test
    void an_unexpected_failure_carries_a_correlation_id(CapturedOutput log) {
        Answer answer = http.get("/api/v1/test-only/failure");
        isProblem(answer, 500, "internal-error", "correlation id");
        String correlationId = answer.body().get("correlationId").asText();
        assertThat(correlationId).isNotBlank();
        assertThat(answer.body().get("detail").asText()).contains(correlationId);
        assertThat(answer.text()).as("the failure's own words stay in the log")
                .doesNotContain(FailingOnPurpose.SECRET_IN_THE_FAILURE);
        assertThat(log.getOut() + log.getErr()).contains(correlationId).contains(FailingOnPurpose.SECRET_IN_THE_FAILURE);
    }

    @Test
    void an_unexpected_failure_before_spring_mvc_carries_a_correlation_id_too(CapturedOutput log) {
        Answer answer = http.get("/api/v1/test-only/failure-in-a-filter");
        isProblem(answer, 500, "internal-error", "correlation id");
        String correlationId = answer.body().get("correlationId").asText();
        assertThat(correlationId).isNotBlank();
        assertThat(answer.text()).doesNotContain(FailingOnPurpose.SECRET_IN_THE_FAILURE);
        assertThat(log.getOut() + log.getErr()).contains(correlationId).contains(FailingOnPurpose.SECRET_IN_THE_FAILURE);
    }

    @Test
    void a_status_a_filter_sets_without_a_body_is_a_problem_too() {
        isProblem(http.get("/api/v1/test-only/refused-in-a-filter"), 403, "forbidden",
                "GET /api/v1/test-only/refused-in-a-filter");
    }

    @Test
    void two_failures_carry_two_correlation_ids() {
        String first = http.get("/api/v1/test-only/failure").body().get("correlationId").asText();
        String second = http.get("/api/v1/test-only/failure").body().get("correlationId").asText();
        assertThat(first).isNotEqualTo(second);
    }
}
