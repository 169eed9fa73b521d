package eu.gpuledger.server.console;

import eu.gpuledger.server.security.JwtProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Signing in to the console with the centre's identity provider (OpenID Connect, authorization code flow), when
 * {@code ledger.console.oidc-client-id} is set: the issuer is the one the API trusts ({@code ledger.jwt.issuer}), the
 * console is a confidential client, and the access token it receives for the person (renewed with the refresh token
 * when it expires) is the bearer token it sends to the API. So the person's roles and scope are those of their token,
 * judged by the API exactly as a script's. The tokens stay in the server's session; the browser never holds them.
 *
 * <p>The identity provider's discovery document is read on the first sign-in, not at start: the ledger starts while
 * the identity provider is down, as the API does.
 */
@Component
@ConditionalOnProperty(prefix = "ledger.console", name = "oidc-client-id")
public class ConsoleOidc implements ConsoleOidcSignIn {

    public static final String REGISTRATION = "identity-provider";

    private final String origin;
    private final ClientRegistrationRepository registrations;
    private final OAuth2AuthorizedClientRepository authorizedClients = new HttpSessionOAuth2AuthorizedClientRepository();
    private final DefaultOAuth2AuthorizedClientManager manager;

    public ConsoleOidc(ConsoleProperties console, JwtProperties jwt) {
        if (!jwt.enabled()) {
            throw new IllegalStateException("ledger.console.oidc-client-id is set but ledger.jwt.issuer is not: the"
                    + " console signs people in at the identity provider whose tokens the API accepts");
        }
        java.net.URI issuer = java.net.URI.create(jwt.issuer());
        this.origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        this.registrations = new DiscoveredOnFirstUse(jwt.issuer(), console);
        this.manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
    }

    @Override
    public void configure(HttpSecurity http) throws Exception {
        http.oauth2Login(login -> login.loginPage("/console/sign-in")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(authorizedClients)
                .authorizationEndpoint(endpoint -> endpoint.baseUri("/console/oauth2/authorization"))
                .redirectionEndpoint(endpoint -> endpoint.baseUri("/console/login/oauth2/code/*"))
                .defaultSuccessUrl("/console", true)
                .failureUrl("/console/sign-in?failed"));
        // signing out of the console signs out at the identity provider too (OpenID Connect RP-initiated logout), so
        // the next person at a shared computer is asked for their own password
        OidcClientInitiatedLogoutSuccessHandler atTheProvider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        atTheProvider.setPostLogoutRedirectUri("{baseUrl}/console/sign-in?signedOut");
        http.logout(logout -> logout.logoutSuccessHandler(atTheProvider));
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public ConsoleBearer bearer() {
        return () -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication instanceof ConsoleSignIn.TokenSignedIn) {
                return ConsoleBearer.ofToken(authentication);
            }
            if (authentication == null || !(RequestContextHolder.getRequestAttributes()
                    instanceof ServletRequestAttributes servlet)) {
                throw new InsufficientAuthenticationException("not signed in to the console");
            }
            OAuth2AuthorizedClient client = manager.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(REGISTRATION).principal(authentication)
                    .attribute(HttpServletRequest.class.getName(), servlet.getRequest())
                    .attribute(HttpServletResponse.class.getName(), servlet.getResponse()).build());
            if (client == null) {
                throw new InsufficientAuthenticationException("the identity provider's sign-in has ended");
            }
            return client.getAccessToken().getTokenValue();
        };
    }

    /** The console's registration at the issuer, read from its discovery document the first time it is needed. */
    private static final class DiscoveredOnFirstUse implements ClientRegistrationRepository {

        private final String issuer;
        private final ConsoleProperties console;
        private volatile ClientRegistration registration;

        DiscoveredOnFirstUse(String issuer, ConsoleProperties console) {
            this.issuer = issuer;
            this.console = console;
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            if (!REGISTRATION.equals(registrationId)) {
                return null;
            }
            ClientRegistration known = registration;
            if (known == null) {
                Set<String> scopes = new LinkedHashSet<>();
                scopes.add("openid");
                if (console.oidcScopes() != null) {
                    for (String scope : console.oidcScopes().trim().split("\\s+")) {
                        if (!scope.isEmpty()) {
                            scopes.add(scope);
                        }
                    }
                }
                known = ClientRegistrations.fromIssuerLocation(issuer).registrationId(REGISTRATION)
                        .clientId(console.oidcClientId()).clientSecret(console.oidcClientSecret())
                        .redirectUri("{baseUrl}/console/login/oauth2/code/{registrationId}")
                        .scope(scopes).build();
                registration = known;
            }
            return known;
        }
    }
}
