package eu.gpuledger.server.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How people's JWTs are read (docs/security.md, "Connecting a centre's identity provider"). Without an issuer the
 * ledger accepts API tokens only. The claims name where the identity provider puts the person's roles and the
 * values of their scope: each a list of strings (or one string of values separated by spaces or commas).
 *
 * @param issuer   the identity provider's issuer URL, as its tokens' {@code iss} say; its keys are found through
 *                 its OpenID discovery document ({@code <issuer>/.well-known/openid-configuration})
 * @param audience what the tokens' {@code aud} must contain: the ledger's client id at the identity provider
 */
@ConfigurationProperties("ledger.jwt")
@Validated
public record JwtProperties(String issuer,
                           String audience,
                           @DefaultValue("sub") @NotBlank String principalClaim,
                           @DefaultValue("roles") @NotBlank String rolesClaim,
                           @DefaultValue("providers") @NotBlank String providersClaim,
                           @DefaultValue("funding_sources") @NotBlank String fundingSourcesClaim,
                           @DefaultValue("clusters") @NotBlank String clustersClaim,
                           @DefaultValue("projects") @NotBlank String projectsClaim) {

    public boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }

    /** An issuer without an audience would accept any token the identity provider issues to any application. */
    @AssertTrue(message = "ledger.jwt.audience is required when ledger.jwt.issuer is set")
    public boolean isAudienceGivenWithIssuer() {
        return !enabled() || (audience != null && !audience.isBlank());
    }

    @AssertTrue(message = "ledger.jwt.issuer must be an https:// URL (http:// only for localhost)")
    public boolean isIssuerAUrl() {
        return !enabled() || issuer.startsWith("https://") || issuer.startsWith("http://localhost")
                || issuer.startsWith("http://127.0.0.1");
    }
}
