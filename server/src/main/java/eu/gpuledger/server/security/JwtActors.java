package eu.gpuledger.server.security;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.ledger.access.Scope;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A person's actor from a validated JWT, by the claims {@link JwtProperties} names. Role names the ledger does not
 * know are passed over (an identity provider's token often carries the roles of other applications); a scope value
 * that is not a valid id refuses the token, naming the claim.
 */
final class JwtActors {

    private final JwtProperties claims;

    JwtActors(JwtProperties claims) {
        this.claims = claims;
    }

    Actor actorOf(Jwt jwt) {
        String principal = jwt.getClaimAsString(claims.principalClaim());
        if (principal == null || principal.isBlank() || principal.length() > 200) {
            throw new BadCredentialsException("the JWT has no usable claim '" + claims.principalClaim()
                    + "' (ledger.jwt.principal-claim) naming the person, of at most 200 characters");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : values(jwt, claims.rolesClaim())) {
            Arrays.stream(Role.values()).filter(role -> role.name().equalsIgnoreCase(name)).forEach(roles::add);
        }
        Scope scope = new Scope(parse(jwt, claims.providersClaim(), value -> ProviderId.parse(value, "providers")),
                parse(jwt, claims.fundingSourcesClaim(), FundingSource::valueOf),
                parse(jwt, claims.clustersClaim(), value -> ClusterName.parse(value, "clusters")),
                parse(jwt, claims.projectsClaim(), value -> ProjectId.parse(value, "projects")));
        return new Actor(principal, roles, scope);
    }

    private static <T> Set<T> parse(Jwt jwt, String claim, Function<String, T> parse) {
        Set<String> values = values(jwt, claim);
        if (values.size() > Scope.VALUES_MAX) {
            throw new BadCredentialsException("the JWT's claim '" + claim + "' names more than " + Scope.VALUES_MAX
                    + " values");
        }
        try {
            return values.stream().map(parse).collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException invalid) {
            throw new BadCredentialsException("the JWT's claim '" + claim + "' holds a value the ledger cannot read: "
                    + invalid.getMessage());
        }
    }

    /** A claim as a list of strings, or one string of values separated by spaces or commas; none when absent. */
    private static Set<String> values(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        Set<String> values = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(element -> values.add(String.valueOf(element).strip()));
        } else if (value instanceof String text) {
            Arrays.stream(text.split("[\\s,]+")).filter(part -> !part.isEmpty()).forEach(values::add);
        }
        return values;
    }
}
