package eu.gpuledger.server.security;

import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the identity provider cannot be reached, a person's JWT cannot be judged: the answer is 503 with
 * Retry-After (the token may be good; a 401 would tell its holder to sign in again), not a 500, and machines' API
 * tokens, which need no identity provider, keep working.
 */
@LedgerIntegrationTest
class IdentityProviderDownTest extends OverHttp {

    /** Shaped as a JWT (header, claims, signature), never checked further than the keys. */
    private static final String A_JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJwYXRyaWNlIn0.c2lnbmF0dXJl";

    @DynamicPropertySource
    static void anIdentityProviderThatIsDown(DynamicPropertyRegistry properties) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing answers there
        }
        properties.add("ledger.jwt.issuer", () -> "http://127.0.0.1:" + closedPort + "/realms/genci");
        properties.add("ledger.jwt.audience", () -> "gpu-ledger");
    }

    @Test
    void a_jwt_that_cannot_be_judged_is_a_503_to_retry_and_api_tokens_still_work() {
        Answer unavailable = http.as(A_JWT).get("/api/v1/providers");
        assertThat(unavailable.status()).as(unavailable.text()).isEqualTo(503);
        assertThat(unavailable.contentType()).startsWith("application/problem+json");
        assertThat(unavailable.body().get("type").asText()).endsWith("/identity-provider-unavailable");
        assertThat(unavailable.body().get("detail").asText()).contains("identity provider");
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue(
                Integer.toString(SecurityProblems.IDENTITY_PROVIDER_RETRY_AFTER_SECONDS));

        assertThat(http.get("/api/v1/providers").status()).as("an API token needs no identity provider")
                .isEqualTo(200);
    }
}
