package eu.gpuledger.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import eu.gpuledger.server.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API tokens from issue to revocation: what is stored, what each request with one gets, and the bounds. */
@LedgerIntegrationTest
class ApiTokenLifecycleTest extends OverHttp {

    @Test
    void an_issued_token_is_shown_once_stored_only_as_its_hash_and_works_at_once() {
        Answer created = create("importer of idris", "CENTRE_ACCOUNTANT", "[\"idris\"]", in(Duration.ofDays(30)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String token = created.body().get("token").asText();
        String tokenId = created.body().at("/view/tokenId").asText();
        assertThat(token).matches("gpl_[0-9A-Za-z]{38}");
        assertThat(ApiTokenFormat.wellFormed(token)).isTrue();
        assertThat(created.body().at("/view/createdBy").asText()).isEqualTo("token:" + TestTokens.ADMIN_ID);
        assertThat(created.body().at("/view/state").asText()).isEqualTo("ACTIVE");

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM api_token WHERE token_id = ?", tokenId);
        assertThat(row.get("secret_sha256")).isEqualTo(ApiTokenFormat.sha256(token));
        assertThat(row.values()).as("no column holds the secret").noneMatch(value -> String.valueOf(value).contains(
                token.substring(ApiTokenFormat.PREFIX.length())));
        Answer list = http.get("/api/v1/admin/tokens");
        assertThat(list.text()).contains(tokenId).doesNotContain(token);
        assertThat(http.get("/api/v1/admin/tokens/" + tokenId).text()).doesNotContain(token);

        assertThat(row.get("last_used_at")).as("not used yet").isNull();
        assertThat(http.as(token).get("/api/v1/providers").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/admin/tokens/" + tokenId).body().get("lastUsedAt").isNull())
                .as("the first use is recorded").isFalse();
    }

    @Test
    void a_revoked_token_is_refused_on_the_next_request_and_the_revocation_names_who() {
        String[] token = issued("AUDITOR", "[]", in(Duration.ofDays(1)));
        LedgerHttp auditor = http.as(token[0]);
        assertThat(auditor.get("/api/v1/providers").status()).isEqualTo(200);

        Answer revoked = http.delete("/api/v1/admin/tokens/" + token[1], "");
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(revoked.body().get("state").asText()).isEqualTo("REVOKED");
        assertThat(revoked.body().get("revokedBy").asText()).isEqualTo("token:" + TestTokens.ADMIN_ID);

        Answer refused = auditor.get("/api/v1/providers");
        assertUnauthenticated(refused);
        assertThat(refused.body().get("detail").asText()).contains("revoked");
        assertThat(http.delete("/api/v1/admin/tokens/" + token[1], "").body().get("revokedAt").asText())
                .as("revoking again changes nothing").isEqualTo(revoked.body().get("revokedAt").asText());
    }

    @Test
    void an_expired_token_is_refused() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(5); // room for a slow first request on a loaded machine
        String[] token = issued("AUDITOR", "[]", expiry);
        assertThat(http.as(token[0]).get("/api/v1/providers").status()).isEqualTo(200);
        while (!Instant.now().isAfter(expiry.plusMillis(100))) {
            Thread.sleep(100);
        }
        Answer refused = http.as(token[0]).get("/api/v1/providers");
        assertUnauthenticated(refused);
        assertThat(refused.body().get("detail").asText()).contains("expired");
        assertThat(http.get("/api/v1/admin/tokens/" + token[1]).body().get("state").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void a_tampered_token_fails_its_checksum_and_an_unknown_one_is_not_found() {
        String token = issued("AUDITOR", "[]", in(Duration.ofDays(1)))[0];
        int at = ApiTokenFormat.PREFIX.length() + 5;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'a' ? 'b' : 'a') + token.substring(at + 1);
        Answer refused = http.as(tampered).get("/api/v1/providers");
        assertUnauthenticated(refused);
        assertThat(refused.body().get("detail").asText()).contains("checksum");

        Answer unknown = http.as(ApiTokenFormat.newToken()).get("/api/v1/providers");
        assertUnauthenticated(unknown);
        assertThat(unknown.body().get("detail").asText()).contains("not known");
    }

    @Test
    void a_token_of_the_wrong_scope_is_refused_and_stores_nothing() {
        SecurityFixture.twoCentres(http);
        LedgerHttp cines = http.as(issued("CENTRE_ACCOUNTANT", "[\"cines\"]", in(Duration.ofDays(1)))[0]);
        long head = eventStoreHead();
        Answer refused = cines.post("/api/v1/allocations/sec-idris-a/supplements", """
                {"supplementId": "s-wrong-scope", "gpuHours": 5, "reason": "not mine"}""");
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.body().get("type").asText()).endsWith("/out-of-scope");
        assertThat(refused.body().get("detail").asText()).contains("idris");
        assertThat(eventStoreHead()).isEqualTo(head);
        assertThat(cines.post("/api/v1/allocations/sec-cines-a/supplements", """
                {"supplementId": "s-right-scope", "gpuHours": 5, "reason": "mine"}""").status()).isEqualTo(200);
    }

    @Test
    void issuing_is_bounded_and_each_refusal_names_its_field() {
        assertRefused(create("x".repeat(101), "AUDITOR", "[]", in(Duration.ofDays(1))), "name");
        assertRefused(create("", "AUDITOR", "[]", in(Duration.ofDays(1))), "name");
        assertRefused(create("hook", "AUDITOR", "[]", in(Duration.ofDays(366))), "expiresAt");
        assertRefused(create("hook", "AUDITOR", "[]", Instant.now().minusSeconds(1)), "expiresAt");
        assertRefused(create("hook", "OVERLORD", "[]", in(Duration.ofDays(1))), "role");
        assertRefused(create("hook", "QUOTA_HOOK", "[]", in(Duration.ofDays(1))), "scope");
        assertRefused(create("hook", "AUDITOR", "[\"idris\"]", in(Duration.ofDays(1))), "scope");
        assertRefused(create("hook", "FUNDER", "[\"NOBODY\"]", in(Duration.ofDays(1))), "scope");
        assertThat(create("hook", "QUOTA_HOOK", "[\"jean-zay\"]", in(Duration.ofDays(365)).minusSeconds(60))
                .status()).isEqualTo(201);
    }

    private void assertRefused(Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).startsWith(field);
    }

    static void assertUnauthenticated(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.body();
        assertThat(problem.get("type").asText()).endsWith("/unauthenticated");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private String[] issued(String role, String scope, Instant expiresAt) {
        Answer created = create("lifecycle", role, scope, expiresAt);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new String[]{created.body().get("token").asText(), created.body().at("/view/tokenId").asText()};
    }

    private Answer create(String name, String role, String scope, Instant expiresAt) {
        return http.post("/api/v1/admin/tokens", """
                {"name": "%s", "role": "%s", "scope": %s, "expiresAt": "%s"}""".formatted(name, role, scope,
                expiresAt));
    }

    private static Instant in(Duration duration) {
        return Instant.now().plus(duration).truncatedTo(ChronoUnit.SECONDS);
    }
}
