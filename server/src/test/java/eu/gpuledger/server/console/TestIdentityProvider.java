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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real OpenID Connect identity provider for the console's browser tests (Spring Authorization Server on a port of
 * its own, with its sign-in form), at {@code http://127.0.0.1:<port>}: not localhost, where the ledger is, because the
 * browser keeps one cookie jar per host. Its people and what their access tokens say (the ledger's audience, roles
 * and scope claims) are {@link #PEOPLE}; the console is its one client, redirected back to the ledger's port.
 */
public final class TestIdentityProvider {

    public static final String AUDIENCE = "gpu-ledger";
    public static final String CLIENT = "gpu-ledger-console";
    public static final String CLIENT_SECRET = "console-secret-for-the-test";
    public static final String PASSWORD = "correct horse battery staple";

    /** A person at the identity provider and the ledger's claims in their access token. */
    public record Person(String username, List<String> roles, Map<String, List<String>> scope) {
    }

    public static final Map<String, Person> PEOPLE = Map.of(
            "amelie", new Person("amelie", List.of("CENTRE_ACCOUNTANT"), Map.of("providers", List.of("idris"))),
            "gaspard", new Person("gaspard", List.of("FUNDER"), Map.of("funding_sources", List.of("GENCI"))));

    private static ConfigurableApplicationContext server;
    private static String issuer;
    private static volatile int ledgerPort;

    private TestIdentityProvider() {
    }

    /** Started once for the test JVM; its issuer URL. */
    public static synchronized String issuer() {
        if (server == null) {
            server = new SpringApplicationBuilder(Configuration.class)
                    .properties("server.port=0", "spring.main.banner-mode=off").run();
            issuer = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return issuer;
    }

    /** The ledger's port, once it listens: the console's redirect goes back there. */
    public static void redirectTo(int port) {
        ledgerPort = port;
    }

    /** The properties that make the ledger trust this provider and sign people in to the console there. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry properties) {
        String at = issuer();
        properties.add("ledger.jwt.issuer", () -> at);
        properties.add("ledger.jwt.audience", () -> AUDIENCE);
        properties.add("ledger.console.oidc-client-id", () -> CLIENT);
        properties.add("ledger.console.oidc-client-secret", () -> CLIENT_SECRET);
        properties.add("ledger.console.token-sign-in", () -> "false");
    }

    /** Signs {@code username} in from the console's sign-in page, typing the password at the provider. */
    public static void signIn(Browser browser, String username) {
        browser.go("/console/sign-in");
        browser.submit("a[href$='/console/oauth2/authorization/identity-provider']");
        browser.type("username", username).type("password", PASSWORD);
        browser.submit("form button[type=submit]");
    }

    // not a @Configuration: the ledger's component scan of eu.gpuledger.server must not find it
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class Configuration {

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
            return new InMemoryUserDetailsManager(PEOPLE.keySet().stream().map(name -> User.withUsername(name)
                    .password("{noop}" + PASSWORD).roles("USER").build()).toList());
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
                            .postLogoutRedirectUri("http://localhost:" + ledgerPort + "/console/sign-in?signedOut")
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
                    Person person = PEOPLE.get(context.getPrincipal().getName());
                    context.getClaims().audience(List.of(AUDIENCE)).claim("roles", person.roles());
                    person.scope().forEach((claim, values) -> context.getClaims().claim(claim, values));
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
