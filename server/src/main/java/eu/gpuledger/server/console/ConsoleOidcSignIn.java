package eu.gpuledger.server.console;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The sign-in with a centre's identity provider, when one is configured for the console
 * ({@code ledger.console.oidc-client-id}): it adds the authorization code flow to the console's chain and gives the
 * access token of the person signed in, which the console sends to the API as their bearer token.
 */
public interface ConsoleOidcSignIn {

    void configure(HttpSecurity http) throws Exception;

    ConsoleBearer bearer();

    /**
     * The identity provider's origin ({@code https://idp.example.org}): signing out is a form whose answer redirects
     * there, which the content security policy's {@code form-action} must allow.
     */
    String origin();
}
