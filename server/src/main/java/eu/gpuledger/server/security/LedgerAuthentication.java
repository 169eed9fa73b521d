package eu.gpuledger.server.security;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.access.Role;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * An authenticated request: the {@link Actor} it stands for. Its name, which {@code request.getUserPrincipal()}
 * answers and every event records, is the actor's principal: a person's subject or {@code token:<id>}; its
 * authorities are {@code ROLE_<role>}, which the rules of {@link SecurityConfiguration} ask for.
 */
public final class LedgerAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;

    public LedgerAuthentication(Actor actor) {
        super(actor.roles().stream().map(role -> new SimpleGrantedAuthority(authority(role))).toList());
        this.actor = actor;
        setAuthenticated(true);
    }

    public static String authority(Role role) {
        return "ROLE_" + role.name();
    }

    public Actor actor() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.principal();
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    /** The actor of the current request; empty outside an authenticated request. */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof LedgerAuthentication ledger ? Optional.of(ledger.actor()) : Optional.empty();
    }
}
