package eu.gpuledger.server.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Who a bearer token stands for: an API token (its {@code gpl_} prefix says so) is looked up in {@link ApiTokens};
 * anything else is a person's JWT, validated by the identity provider's keys, issuer, audience and times, when the
 * ledger is told an issuer ({@link JwtProperties}). Either way the request becomes a {@link LedgerAuthentication}.
 */
final class BearerAuthentication implements AuthenticationManager {

    private final ApiTokens tokens;
    /** Null when no issuer is configured: then only API tokens are accepted. */
    private final JwtDecoder jwts;
    private final JwtActors actors;

    BearerAuthentication(ApiTokens tokens, JwtDecoder jwts, JwtActors actors) {
        this.tokens = tokens;
        this.jwts = jwts;
        this.actors = actors;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            throw new BadCredentialsException("only bearer tokens are accepted");
        }
        String token = bearer.getToken();
        if (ApiTokenFormat.hasPrefix(token)) {
            return new LedgerAuthentication(tokens.authenticate(token));
        }
        if (jwts == null) {
            throw new BadCredentialsException("the bearer token is not an API token (" + ApiTokenFormat.PREFIX
                    + "…), and this ledger accepts no JWTs (ledger.jwt.issuer is unset)");
        }
        Jwt jwt;
        try {
            jwt = jwts.decode(token);
        } catch (BadJwtException invalid) {
            throw new BadCredentialsException("the JWT is not accepted: " + invalid.getMessage(), invalid);
        } catch (JwtException | JwtDecoderInitializationException unavailable) {
            // not the token's fault: the identity provider's discovery document or keys could not be fetched
            throw new AuthenticationServiceException("the identity provider's keys could not be read ("
                    + unavailable.getMessage() + "); the token was not judged: try again", unavailable);
        }
        return new LedgerAuthentication(actors.actorOf(jwt));
    }
}
