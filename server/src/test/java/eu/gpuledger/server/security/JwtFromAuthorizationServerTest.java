package eu.gpuledger.server.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import eu.gpuledger.server.support.LedgerHttp;
import eu.gpuledger.server.support.LedgerHttp.Answer;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import eu.gpuledger.server.support.OverHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People's JWTs, signed by a real OpenID Connect authorization server (Spring Authorization Server) started inside
 * the test on a port of its own: the ledger finds its keys through the issuer's discovery document, accepts a token of
 * the right issuer and audience whose roles claim it reads, and refuses one of another audience, another issuer, or
 * past its expiry. Each client of the authorization server stands for a kind of token (its customizer below).
 */
@LedgerIntegrationTest
class JwtFromAuthorizationServerTest extends OverHttp {

    private static final String AUDIENCE = "gpu-ledger";
    private static final String SECRET = "test-secret";
    private static ConfigurableApplicationContext authorizationServer;
    private static String issuer;

    @DynamicPropertySource
    static void trustTheAuthorizationServer(DynamicPropertyRegistry properties) {
        startAuthorizationServer();
        properties.add("ledger.jwt.issuer", () -> issuer);
        properties.add("ledger.jwt.audience", () -> AUDIENCE);
    }

    @AfterAll
    static void stopAuthorizationServer() {
        if (authorizationServer != null) {
            authorizationServer.close();
        }
    }

    @Test
    void a_token_of_the_right_issuer_and_audience_is_accepted_with_the_roles_and_scope_of_its_claims() {
        SecurityFixture.twoCentres(http);
        LedgerHttp person = http.as(token("accountant-idris"));
        Answer read = person.get("/api/v1/allocations/sec-idris-a");
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        Answer outOfScope = person.get("/api/v1/allocations/sec-cines-a");
        assertThat(outOfScope.status()).as(outOfScope.text()).isEqualTo(403);
        assertThat(person.get("/api/v1/admin/tokens").status()).as("no administrator role in the claims")
                .isEqualTo(403);

        Answer supplement = person.post("/api/v1/allocations/sec-idris-b/supplements", """
                {"supplementId": "by-a-person", "gpuHours": 1, "reason": "committee"}""");
        assertThat(supplement.status()).as(supplement.text()).isEqualTo(200);
        assertThat(http.get("/api/v1/allocations/sec-idris-b/history").text())
                .as("the person's subject is the principal of the event")
                .contains("\"principal\":\"accountant-idris\"");
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        assertRefused(token("another-application"), "aud");
    }

    @Test
    void a_token_of_another_issuer_is_refused() {
        assertRefused(token("another-issuer"), "iss");
    }

    @Test
    void an_expired_token_is_refused() {
        assertRefused(token("expired"), "expired");
    }

    @Test
    void a_token_without_ledger_roles_reaches_nothing() {
        Answer answer = http.as(token("no-roles")).get("/api/v1/providers");
        assertThat(answer.status()).as(answer.text()).isEqualTo(403);
    }

    @Test
    void a_token_signed_by_another_key_is_refused() {
        String genuine = token("accountant-idris");
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("not the issuer's signature".getBytes(StandardCharsets.UTF_8));
        assertRefused(forged, "");
    }

    private void assertRefused(String token, String detail) {
        Answer answer = http.as(token).get("/api/v1/providers");
        ApiTokenLifecycleTest.assertUnauthenticated(answer);
        assertThat(answer.body().get("detail").asText()).contains(detail);
    }

    /** An access token from the authorization server's token endpoint, for a client (client credentials grant). */
    private static String token(String client) {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secretOf(client)).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(issuer + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=ledger")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("access_token")
                    .asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The authorization server wants a secret of its own per client. */
    private static String secretOf(String client) {
        return SECRET + "-" + client;
    }

    private static synchronized void startAuthorizationServer() {
        if (authorizationServer != null) {
            return;
        }
        authorizationServer = new SpringApplicationBuilder(AuthorizationServer.class)
                .properties("server.port=0", "spring.main.banner-mode=off").run();
        String port = authorizationServer.getEnvironment().getProperty("local.server.port");
        assertThat(port).as("the authorization server listens").isNotNull();
        // its issuer is the URL it is asked at (no issuer set in its settings): the one the ledger is told
        issuer = "http://localhost:" + port;
    }


    /** A minimal OpenID Connect provider: the authorization server's endpoints, its key, and one client per case. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class AuthorizationServer {

        @Bean
        SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer endpoints = new OAuth2AuthorizationServerConfigurer();
            http.securityMatcher(endpoints.getEndpointsMatcher())
                    .with(endpoints, server -> server.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                    .csrf(csrf -> csrf.ignoringRequestMatchers(endpoints.getEndpointsMatcher()));
            return http.build();
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(List.of("accountant-idris", "another-application",
                    "another-issuer", "expired", "no-roles").stream().map(AuthorizationServer::client).toList());
        }

        private static RegisteredClient client(String id) {
            return RegisteredClient.withId(UUID.randomUUID().toString()).clientId(id).clientSecret("{noop}" + secretOf(id))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("ledger").build();
        }

        /** What each client's token says: its subject is the client id, as for a person's token its user id. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                String client = context.getRegisteredClient().getClientId();
                context.getClaims().audience(List.of(client.equals("another-application") ? "another-app" : AUDIENCE));
                if (!client.equals("no-roles")) {
                    context.getClaims().claim("roles", List.of("CENTRE_ACCOUNTANT", "SOME_OTHER_APPLICATION_ROLE"))
                            .claim("providers", List.of("idris"));
                }
                if (client.equals("another-issuer")) {
                    context.getClaims().issuer(context.getAuthorizationServerContext().getIssuer() + "/another");
                }
                if (client.equals("expired")) {
                    Instant past = Instant.now().minus(10, ChronoUnit.MINUTES);
                    context.getClaims().issuedAt(past.minus(5, ChronoUnit.MINUTES)).notBefore(past.minus(5,
                            ChronoUnit.MINUTES)).expiresAt(past);
                }
            };
        }

        @Bean
        java.security.KeyPair signingKey() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        @Bean
        JWKSource<SecurityContext> keys(java.security.KeyPair pair) {
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** The OpenID Connect user-info endpoint reads the server's own tokens. */
        @Bean
        org.springframework.security.oauth2.jwt.JwtDecoder ownTokens(java.security.KeyPair pair) {
            return org.springframework.security.oauth2.jwt.NimbusJwtDecoder
                    .withPublicKey((RSAPublicKey) pair.getPublic()).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
