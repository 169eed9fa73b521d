package eu.gpuledger.server.web.me;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.server.security.LedgerAuthentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collection;
import java.util.List;

/**
 * Who the bearer token stands for, as the ledger sees it: the principal its commands record, its roles and scope.
 * For any authenticated caller: a script checks its token with it, and the console learns whom it serves.
 */
@RestController
@RequestMapping("/api/v1")
public class MeController {

    public record ScopeJson(List<String> providers, List<String> fundingSources, List<String> clusters,
                            List<String> projects) {
    }

    public record MeJson(String principal, List<Role> roles, ScopeJson scope) {
    }

    @GetMapping("/me")
    public MeJson me(LedgerAuthentication authentication) {
        Actor actor = authentication.actor();
        return new MeJson(actor.principal(), actor.roles().stream().sorted().toList(), new ScopeJson(
                sorted(actor.scope().providers().stream().map(Object::toString).toList()),
                sorted(actor.scope().fundingSources().stream().map(Enum::name).toList()),
                sorted(actor.scope().clusters().stream().map(Object::toString).toList()),
                sorted(actor.scope().projects().stream().map(Object::toString).toList())));
    }

    private static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
