package eu.gpuledger.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.gpuledger.server.web.ProblemHandling;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security filters' refusals as RFC 9457 problems, like every other refusal of the ledger: 401
 * {@code unauthenticated} (no token, or one that is malformed, unknown, expired, revoked or not valid) with a
 * {@code WWW-Authenticate: Bearer} challenge, 403 {@code forbidden} (the roles do not reach the endpoint), and 503
 * {@code identity-provider-unavailable} with {@code Retry-After} when a JWT could not be judged because the identity
 * provider's keys could not be fetched (the token may be good: a 401 would tell its holder to sign in again).
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    static final String IDENTITY_PROVIDER_UNAVAILABLE = "identity-provider-unavailable";
    static final int IDENTITY_PROVIDER_RETRY_AFTER_SECONDS = 10;

    static final String UNAUTHENTICATED = ProblemHandling.UNAUTHENTICATED;
    static final String FORBIDDEN = ProblemHandling.FORBIDDEN;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        boolean tokenGiven = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        String detail = tokenGiven ? refused.getMessage() + " (docs/security.md)"
                : "this endpoint needs a bearer token: 'Authorization: Bearer <an API token or a JWT>'"
                + " (docs/security.md)";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, request, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, detail);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException refused) throws IOException {
        if (refused instanceof AuthenticationServiceException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(IDENTITY_PROVIDER_RETRY_AFTER_SECONDS));
            write(response, request, HttpStatus.SERVICE_UNAVAILABLE, IDENTITY_PROVIDER_UNAVAILABLE,
                    refused.getMessage() + " (docs/security.md)");
            return;
        }
        commence(request, response, refused);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String who = LedgerAuthentication.current()
                .map(actor -> actor.principal() + " (roles " + actor.roles() + ")").orElse("this request");
        write(response, request, HttpStatus.FORBIDDEN, FORBIDDEN, who + " may not " + request.getMethod() + " "
                + request.getRequestURI() + " (docs/security.md lists what each role may do)");
    }

    static void write(HttpServletResponse response, HttpServletRequest request, HttpStatus status,
                              String type, String detail) throws IOException {
        ProblemDetail problem = ProblemHandling.problem(status, type, detail);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
