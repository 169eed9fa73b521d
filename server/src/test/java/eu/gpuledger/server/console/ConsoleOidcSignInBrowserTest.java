package eu.gpuledger.server.console;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
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
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signs in to the console at a real OpenID Connect identity provider (Spring Authorization Server on a port
 * of its own, with a sign-in form): the console sends them there, they type their password there (never to the
 * ledger), come back signed in, and the console calls the API with the access token the provider issued for them,
 * so the API sees their subject, their roles and their scope. The sign-in with a token is off on this ledger.
 */
@LedgerIntegrationTest
class ConsoleOidcSignInBrowserTest extends OverHttp {

    private static final String AUDIENCE = "gpu-ledger";
    private static final String CLIENT = "gpu-ledger-console";
    private static final String CLIENT_SECRET = "console-secret-for-the-test";
    private static ConfigurableApplicationContext identityProvider;
    private static String issuer;
    /** The ledger's port, known once it listens: the provider's only allowed redirect goes back there. */
    private static volatile int ledgerPort;

    @DynamicPropertySource
    static void signInAtTheIdentityProvider(DynamicPropertyRegistry properties) {
        startIdentityProvider();
        properties.add("ledger.jwt.issuer", () -> issuer);
        properties.add("ledger.jwt.audience", () -> AUDIENCE);
        properties.add("ledger.console.oidc-client-id", () -> CLIENT);
        properties.add("ledger.console.oidc-client-secret", () -> CLIENT_SECRET);
        properties.add("ledger.console.token-sign-in", () -> "false");
    }

    @AfterAll
    static void stopIdentityProvider() {
        if (identityProvider != null) {
            identityProvider.close();
        }
    }

    @Test
    void an_accountant_signs_in_at_the_identity_provider_and_the_console_acts_with_their_token() {
        ledgerPort = port;
        http.put("/api/v1/providers/idris", """
                {"name": "IDRIS", "kind": "PUBLIC", "euroHpcHosted": false}""");
        try (Browser browser = Browser.open(port, "fr")) {
            browser.go("/console");
            assertThat(browser.all("#token")).as("no sign-in with a token on this ledger").isEmpty();
            browser.look("sign-in-identity-provider");

            browser.submit("a[href$='/console/oauth2/authorization/identity-provider']");
            assertThat(browser.driver().getCurrentUrl()).as("the password is typed at the identity provider")
                    .startsWith(issuer + "/login");
            browser.type("username", "amelie").type("password", "correct horse battery staple");
            browser.submit("form button[type=submit]");

            assertThat(browser.driver().getCurrentUrl()).isEqualTo("http://localhost:" + port + "/console");
            assertThat(browser.text("header .principal")).as("the API saw the token's subject").isEqualTo("amelie");
            assertThat(browser.text("header nav")).as("an accountant's menu").contains("Imports")
                    .doesNotContain("Relevés");
            assertThat(browser.find("#providerId").getText()).contains("IDRIS");
            browser.look("dashboard-identity-provider");
        }
    }

    private static synchronized void startIdentityProvider() {
        if (identityProvider != null) {
            return;
        }
        identityProvider = new SpringApplicationBuilder(IdentityProvider.class)
                .properties("server.port=0", "spring.main.banner-mode=off").run();
        // 127.0.0.1, not localhost: the browser keeps one cookie jar per host, and the ledger is on localhost
        issuer = "http://127.0.0.1:" + identityProvider.getEnvironment().getProperty("local.server.port");
    }

    /** An OpenID Connect provider with one person, the console as a client, and the ledger's claims in tokens. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class IdentityProvider {

        @Bean
        @Order(1)
        SecurityFilterChain endpoints(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                    .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                    .exceptionHandling(exceptions -> exceptions
                            .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signInForm(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults()).build();
        }

        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(User.withUsername("amelie")
                    .password("{noop}correct horse battery staple").roles("USER").build());
        }

        /** Built when asked, so that its redirect names the ledger's port, known only once the ledger listens. */
        @Bean
        RegisteredClientRepository clients() {
            return new RegisteredClientRepository() {
                private final String id = UUID.randomUUID().toString();

                @Override
                public void save(RegisteredClient client) {
                    // the server re-encodes the secret after its first use; the test's client stays as it is
                }

                @Override
                public RegisteredClient findById(String wanted) {
                    return id.equals(wanted) ? console() : null;
                }

                @Override
                public RegisteredClient findByClientId(String wanted) {
                    return CLIENT.equals(wanted) ? console() : null;
                }

                private RegisteredClient console() {
                    return RegisteredClient.withId(id).clientId(CLIENT).clientSecret("{noop}" + CLIENT_SECRET)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                            .redirectUri("http://localhost:" + ledgerPort
                                    + "/console/login/oauth2/code/identity-provider")
                            .scope("openid")
                            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                            .build();
                }
            };
        }

        /** The access token carries what the ledger reads: its audience, the person's roles and providers. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getClaims().audience(List.of(AUDIENCE))
                            .claim("roles", List.of("CENTRE_ACCOUNTANT"))
                            .claim("providers", List.of("idris"));
                }
            };
        }

        @Bean
        KeyPair signingKey() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        @Bean
        JWKSource<SecurityContext> keys(KeyPair pair) {
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate()).keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        org.springframework.security.oauth2.jwt.JwtDecoder ownTokens(KeyPair pair) {
            return org.springframework.security.oauth2.jwt.NimbusJwtDecoder
                    .withPublicKey((RSAPublicKey) pair.getPublic()).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
