package eu.gpuledger.server.console;

import eu.gpuledger.server.database.DatabaseProperties;
import eu.gpuledger.server.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The console under {@code /console}: a chain of its own, ahead of the API's, for people in a browser. A session
 * cookie (HttpOnly, SameSite=Lax) holds who signed in; CSRF tokens guard every form; a content security policy lets
 * the pages run only the scripts and styles the server ships (nothing from elsewhere). The API's chain stays as it is:
 * bearer tokens, no session, no cookie (docs/console.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration implements WebMvcConfigurer {

    /** The languages of the console; the first is the default for a browser that asks for neither. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    /** The policy, with the identity provider's origin allowed as a form's destination (the sign-out's redirect). */
    static String contentSecurityPolicy(ConsoleOidcSignIn oidc) {
        return oidc == null ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace("form-action 'self';", "form-action 'self' " + oidc.origin() + ";");
    }

    @Bean
    SecurityContextRepository consoleSecurityContexts() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain consoleSecurity(HttpSecurity http, SecurityContextRepository consoleSecurityContexts,
                                        ObjectProvider<ConsoleOidcSignIn> oidc) throws Exception {
        ConsoleOidcSignIn signIn = oidc.getIfAvailable();
        http.securityMatcher("/console", "/console/**")
                .securityContext(context -> context.securityContextRepository(consoleSecurityContexts))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(logout -> logout.logoutUrl("/console/sign-out")
                        .logoutSuccessUrl("/console/sign-in?signedOut"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp
                        .policyDirectives(contentSecurityPolicy(signIn))))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/console/sign-in")))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/console/sign-in", "/console/assets/**", "/console/webjars/**",
                                "/console/oauth2/**", "/console/login/**").permitAll()
                        .anyRequest().authenticated());
        if (signIn != null) {
            signIn.configure(http);
        }
        return http.build();
    }

    @Bean
    ConsoleBearer consoleBearer(ObjectProvider<ConsoleOidcSignIn> oidc) {
        ConsoleOidcSignIn signIn = oidc.getIfAvailable();
        return signIn == null ? ConsoleBearer.tokensOnly() : signIn.bearer();
    }

    /** The language a person chose (a cookie of a year), else the browser's, else English. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("gpu-ledger-language") {
            @Override
            public void setLocale(jakarta.servlet.http.HttpServletRequest request,
                                  jakarta.servlet.http.HttpServletResponse response, Locale locale) {
                if (locale == null || LANGUAGES.stream().anyMatch(l -> l.getLanguage().equals(locale.getLanguage()))) {
                    super.setLocale(request, response, locale == null ? null : Locale.of(locale.getLanguage()));
                }
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookiePath("/console");
        resolver.setDefaultLocaleFunction(request -> {
            for (Locale asked : java.util.Collections.list(request.getLocales())) {
                for (Locale language : LANGUAGES) {
                    if (language.getLanguage().equals(asked.getLanguage())) {
                        return language;
                    }
                }
            }
            return LANGUAGES.getFirst();
        });
        return resolver;
    }

    /** {@code ?lang=fr} on any console page switches the language (the switch in every page's header). */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }

    /** Whether a person may sign in by pasting a token: as configured, else in development mode only. */
    @Bean
    ConsoleTokenSignIn consoleTokenSignIn(ConsoleProperties console, DatabaseProperties database,
                                          SecurityProperties security) {
        boolean developmentMode = database.embedded() || security.developmentAdminToken();
        return new ConsoleTokenSignIn(console.tokenSignIn() == null ? developmentMode : console.tokenSignIn());
    }

    /** @param enabled whether the sign-in page offers the token field */
    public record ConsoleTokenSignIn(boolean enabled) {
    }
}
