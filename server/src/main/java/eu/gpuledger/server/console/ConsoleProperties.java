package eu.gpuledger.server.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The console's settings (docs/console.md).
 *
 * @param tokenSignIn       whether a person may sign in to the console by pasting a bearer token (the development
 *                          mode's printed administrator token, or an API token an administrator issued); unset: only
 *                          in development mode (the embedded database, or {@code ledger.security.development-admin-token})
 * @param oidcClientId      the console's client id at the identity provider named by {@code ledger.jwt.issuer}; set, the
 *                          sign-in page offers "sign in with the identity provider" (authorization code flow)
 * @param oidcClientSecret  that client's secret
 * @param oidcScopes        the scopes the console asks for, separated by spaces
 */
@ConfigurationProperties("ledger.console")
@Validated
public record ConsoleProperties(Boolean tokenSignIn, String oidcClientId, String oidcClientSecret, String oidcScopes) {

    public boolean oidc() {
        return oidcClientId != null && !oidcClientId.isBlank();
    }
}
