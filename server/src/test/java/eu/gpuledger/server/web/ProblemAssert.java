package eu.gpuledger.server.web;

import eu.gpuledger.server.support.LedgerHttp.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/** What every refusal of the ledger looks like: an RFC 9457 problem whose detail names what was wrong. */
final class ProblemAssert {

    private ProblemAssert() {
    }

    static void isProblem(Answer answer, int status, String type, String... detailNames) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
        assertThat(answer.body().get("type").asText()).as(answer.text())
                .isEqualTo("https://gpu-ledger.eu/problems/" + type);
        assertThat(answer.body().get("title").asText()).as(answer.text()).isNotBlank();
        assertThat(answer.body().get("status").asInt()).as(answer.text()).isEqualTo(status);
        assertThat(answer.body().get("detail").asText()).as(answer.text()).contains(detailNames);
        assertThat(answer.body().has("timestamp")).as("not Spring's default error JSON: " + answer.text()).isFalse();
        assertThat(answer.body().has("trace")).as("no stack trace: " + answer.text()).isFalse();
        assertThat(answer.text()).as("no stack trace").doesNotContain("\tat ", "Exception");
    }
}
