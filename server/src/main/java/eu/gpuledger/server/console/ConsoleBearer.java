package eu.gpuledger.server.console;

import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The bearer token the console sends to the API for the person signed in: the token they signed in with, or the
 * access token the identity provider gave the console for them (renewed when it expires).
 */
public interface ConsoleBearer {

    String current();

    /** What the sign-in with a token leaves in the session (no identity provider involved). */
    static String ofToken(Authentication authentication) {
        if (authentication instanceof ConsoleSignIn.TokenSignedIn signedIn) {
            return signedIn.bearer();
        }
        throw new InsufficientAuthenticationException("not signed in to the console");
    }

    /** Where no identity provider is configured: only a token sign-in can have happened. */
    static ConsoleBearer tokensOnly() {
        return () -> ofToken(SecurityContextHolder.getContext().getAuthentication());
    }
}
