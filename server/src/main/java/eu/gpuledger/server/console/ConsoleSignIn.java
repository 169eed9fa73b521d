package eu.gpuledger.server.console;

import eu.gpuledger.server.console.ConsoleConfiguration.ConsoleTokenSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

/**
 * Signing in to the console. With a token (development mode's printed administrator token, or an API token): the
 * token is asked of the API ({@code GET /me}) before it is kept, so a mistyped or revoked token is told at once, in
 * the API's words. With the identity provider: {@link ConsoleOidcSignIn}.
 */
@Controller
public class ConsoleSignIn {

    /** Longest token accepted in the form: a JWT with many claims, far above an API token's 42 characters. */
    static final int TOKEN_LENGTH_MAX = 16_384;

    private final ConsoleTokenSignIn tokenSignIn;
    private final ConsoleProperties properties;
    private final SecurityContextRepository contexts;
    private final ConsoleApi api;

    public ConsoleSignIn(ConsoleTokenSignIn tokenSignIn, ConsoleProperties properties,
                         SecurityContextRepository consoleSecurityContexts, ConsoleApi api) {
        this.tokenSignIn = tokenSignIn;
        this.properties = properties;
        this.contexts = consoleSecurityContexts;
        this.api = api;
    }

    /** A person signed in with a token: the token itself is what the console sends to the API for them. */
    public static final class TokenSignedIn extends AbstractAuthenticationToken {

        private final String bearer;
        private final ConsoleUser user;

        TokenSignedIn(String bearer, ConsoleUser user) {
            super(user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
            this.bearer = bearer;
            this.user = user;
            setAuthenticated(true);
        }

        String bearer() {
            return bearer;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return user;
        }

        @Override
        public String getName() {
            return user.principal();
        }
    }

    @GetMapping("/console/sign-in")
    public String page(Model model, HttpServletRequest request) {
        model.addAttribute("tokenSignIn", tokenSignIn.enabled());
        model.addAttribute("oidcSignIn", properties.oidc());
        // why the identity provider's sign-in failed (Spring Security leaves it in the session), said once
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
                instanceof org.springframework.security.core.AuthenticationException failed) {
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("problem", new ApiProblem(401, "Sign-in at the identity provider failed",
                    failed.getMessage(), Map.of()));
        }
        return "console/sign-in";
    }

    @PostMapping("/console/sign-in")
    public String signIn(@RequestParam(defaultValue = "") String token, Model model, HttpServletRequest request,
                         HttpServletResponse response) {
        model.addAttribute("tokenSignIn", tokenSignIn.enabled());
        model.addAttribute("oidcSignIn", properties.oidc());
        String bearer = token.strip();
        if (!tokenSignIn.enabled()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("problem", new ApiProblem(403, "Sign-in with a token is off",
                    "this ledger signs people in with its identity provider only (ledger.console.token-sign-in)",
                    Map.of()));
            return "console/sign-in";
        }
        if (bearer.isEmpty() || bearer.length() > TOKEN_LENGTH_MAX) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problem", new ApiProblem(400, "token",
                    "token: paste the token (at most " + TOKEN_LENGTH_MAX + " characters)", Map.of()));
            return "console/sign-in";
        }
        ConsoleUser user;
        SecurityContext previous = SecurityContextHolder.getContext();
        try {
            // the token is judged by the API, as every later request will be
            SecurityContext trying = SecurityContextHolder.createEmptyContext();
            trying.setAuthentication(new TokenSignedIn(bearer, new ConsoleUser("", List.of(), Map.of())));
            SecurityContextHolder.setContext(trying);
            user = ConsoleUser.of(api.get("/me"));
        } catch (ApiProblem.Refused refused) {
            response.setStatus(refused.problem().status());
            model.addAttribute("problem", refused.problem());
            return "console/sign-in";
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        request.getSession(true);
        request.changeSessionId(); // a session id known before the sign-in is worth nothing after it
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenSignedIn(bearer, user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/console";
    }
}
