package eu.gpuledger.server.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.server.web.ProblemHandling;
import org.springframework.http.HttpStatus;

import java.util.Collection;

import static eu.gpuledger.ledger.access.Role.ADMIN;
import static eu.gpuledger.ledger.access.Role.AUDITOR;
import static eu.gpuledger.ledger.access.Role.CENTRE_ACCOUNTANT;
import static eu.gpuledger.ledger.access.Role.FUNDER;
import static eu.gpuledger.ledger.access.Role.PI;
import static eu.gpuledger.ledger.access.Role.QUOTA_HOOK;
import static eu.gpuledger.ledger.access.Role.SCRAPE;

/**
 * Every request but the bare {@code GET /actuator/health} carries a bearer token (docs/security.md). The rules below
 * say which roles reach which endpoints at all; what they may touch there (their providers, clusters, funding
 * sources, projects) is checked where the data is: on the command side ({@code CommandAccess}) for writes, by
 * {@link ReadAccess} for reads. An endpoint without a rule is for administrators only, and the authorisation
 * matrix test fails until it is given one.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String[] READERS = roles(ADMIN, AUDITOR, CENTRE_ACCOUNTANT, FUNDER, PI);
    private static final String[] OPERATORS = roles(ADMIN, AUDITOR, SCRAPE);
    private static final String[] CENTRE_WRITERS = roles(ADMIN, CENTRE_ACCOUNTANT);
    private static final String[] CENTRE_READERS = roles(ADMIN, AUDITOR, CENTRE_ACCOUNTANT);

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, ApiTokens tokens, JwtProperties jwt) throws Exception {
        SecurityProblems problems = new SecurityProblems();
        BearerAuthentication bearer = new BearerAuthentication(tokens, jwt.enabled() ? jwtDecoder(jwt) : null,
                new JwtActors(jwt));
        http.csrf(AbstractHttpConfigurer::disable) // no cookie, no session: a bearer token cannot be forged by a page
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // by default an identity provider that cannot be reached is thrown on, into a 500
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(rules -> rules
                        // the answer to an error already refused or let through, rendered as a problem
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(OPERATORS)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**")
                        .authenticated()

                        // who the token stands for (the console asks it at sign-in; a script checks its token)
                        .requestMatchers(HttpMethod.GET, "/api/v1/me").authenticated()
                        .requestMatchers("/api/v1/admin/tokens", "/api/v1/admin/tokens/**").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/admin/**").hasAnyRole(roles(ADMIN, AUDITOR))
                        .requestMatchers(HttpMethod.GET, "/api/v1/journal/**").hasAnyRole(roles(ADMIN, AUDITOR))
                        .requestMatchers(HttpMethod.GET, "/api/v1/reports/**")
                        .hasAnyRole(roles(ADMIN, AUDITOR, FUNDER, CENTRE_ACCOUNTANT))
                        .requestMatchers(HttpMethod.GET, "/api/v1/quota/**")
                        .hasAnyRole(roles(ADMIN, AUDITOR, QUOTA_HOOK, CENTRE_ACCOUNTANT))

                        .requestMatchers(HttpMethod.GET, "/api/v1/providers", "/api/v1/pools", "/api/v1/clusters",
                                "/api/v1/clusters/*", "/api/v1/providers/*/history", "/api/v1/clusters/*/history")
                        .hasAnyRole(READERS)
                        // corrections of descriptive data (issue 16): a provider's accountants correct its own, the
                        // scope checked on the command bus (CommandAccess); a project's description, like its
                        // registration, is the national coordinator's
                        .requestMatchers(HttpMethod.POST, "/api/v1/providers/*/corrections",
                                "/api/v1/clusters/*/corrections").hasAnyRole(CENTRE_WRITERS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects/*/corrections").hasRole(ADMIN.name())
                        // invoicing details (the parties of a Factur-X invoice) come from contracts: ADMIN only
                        .requestMatchers(HttpMethod.PUT, "/api/v1/providers/*/invoicing-details",
                                "/api/v1/projects/*/invoicing-details").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/providers/*", "/api/v1/clusters/*",
                                "/api/v1/pools/*").hasAnyRole(CENTRE_WRITERS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/pools/*/factors", "/api/v1/pools/*/prices")
                        .hasAnyRole(CENTRE_WRITERS)

                        .requestMatchers(HttpMethod.GET, "/api/v1/projects", "/api/v1/projects/*",
                                "/api/v1/projects/*/allocations", "/api/v1/projects/*/history")
                        .hasAnyRole(roles(ADMIN, AUDITOR, CENTRE_ACCOUNTANT, PI))
                        .requestMatchers(HttpMethod.GET, "/api/v1/allocations", "/api/v1/allocations/*",
                                "/api/v1/allocations/*/history", "/api/v1/allocations/*/consumption")
                        .hasAnyRole(roles(ADMIN, AUDITOR, CENTRE_ACCOUNTANT, PI))
                        .requestMatchers(HttpMethod.POST, "/api/v1/allocations", "/api/v1/allocations/*/supplements",
                                "/api/v1/allocations/*/warnings", "/api/v1/allocations/*/clawbacks",
                                "/api/v1/allocations/*/suspension").hasAnyRole(CENTRE_WRITERS)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/allocations/*/suspension")
                        .hasAnyRole(CENTRE_WRITERS)

                        .requestMatchers(HttpMethod.GET, "/api/v1/usage/unmatched").hasAnyRole(CENTRE_READERS)
                        // the imports of usage (a centre accountant's own and its providers', ReadAccess) and the read
                        // models' lag, to know whether balances are current (issue 16's dashboard)
                        .requestMatchers(HttpMethod.GET, "/api/v1/usage/imports", "/api/v1/projections")
                        .hasAnyRole(CENTRE_READERS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/usage/sacct", "/api/v1/usage/records",
                                "/api/v1/usage/billed", "/api/v1/usage/*/refunds").hasAnyRole(CENTRE_WRITERS)

                        // rate cards (issue 14): a funder reads its own, a centre what its pools are billed at; the
                        // rates are set by the national coordinator from the funders' agreements (POST: ADMIN only)
                        .requestMatchers(HttpMethod.GET, "/api/v1/rates")
                        .hasAnyRole(roles(ADMIN, AUDITOR, FUNDER, CENTRE_ACCOUNTANT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/rates").hasRole(ADMIN.name())

                        // statements (issue 14): a funder drafts, issues, cancels and reads its own (the scope is
                        // checked on the command bus and by ReadAccess); auditors read them all
                        .requestMatchers(HttpMethod.GET, "/api/v1/statements", "/api/v1/statements/*")
                        .hasAnyRole(roles(ADMIN, AUDITOR, FUNDER))
                        .requestMatchers(HttpMethod.POST, "/api/v1/statements", "/api/v1/statements/*/issue",
                                "/api/v1/statements/*/credit-note").hasAnyRole(roles(ADMIN, FUNDER))

                        .requestMatchers(HttpMethod.GET, "/api/v1/transfers/*").hasAnyRole(CENTRE_READERS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/transfers").hasAnyRole(CENTRE_WRITERS)

                        // webhooks (issue 15): a centre registers its own (the provider is checked on the command
                        // bus, by the Webhook aggregate and by ReadAccess); those of every provider are the admins'
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasAnyRole(CENTRE_WRITERS)

                        // projects, retries of kept usage, rebuilds, dead letters, and whatever has no rule yet
                        .anyRequest().hasRole(ADMIN.name()));
        return http.build();
    }

    /**
     * No Micrometer observation of Spring Security's own steps (each filter of the chain, each authentication and
     * authorisation): measured, they took at least a quarter of a request's CPU and most of its allocations,
     * for timers nobody reads (docs/quota.md). Requests stay observed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** What the firewall refuses before any filter (an encoded slash, a {@code ;} in the path): 400, as a problem. */
    @Bean
    RequestRejectedHandler requestRejected() {
        return (request, response, rejected) -> SecurityProblems.write(response, request, HttpStatus.BAD_REQUEST,
                ProblemHandling.INVALID_INPUT, ProblemHandling.REFUSED_BY_THE_FIREWALL
                        + LedgerLimits.shown(rejected.getMessage()));
    }

    /**
     * The identity provider's keys, found through its discovery document on the first JWT (not at start, so the
     * ledger starts while the identity provider is down); issuer, audience, expiry and not-before checked.
     */
    static JwtDecoder jwtDecoder(JwtProperties jwt) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(jwt.issuer()).build();
            OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.contains(jwt.audience()));
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(jwt.issuer()), audience));
            return decoder;
        });
    }

    private static String[] roles(eu.gpuledger.ledger.access.Role... roles) {
        return java.util.Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
    }
}
