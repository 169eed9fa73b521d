package eu.gpuledger.server.console;

import java.util.List;
import java.util.Map;

/**
 * The person signed in, as the API's {@code GET /me} describes them: what the pages show and which actions they
 * offer (the API decides anyway: a page that offered too much would meet the API's 403).
 *
 * @param principal what their commands record
 * @param roles     their roles ({@code ADMIN}, {@code CENTRE_ACCOUNTANT}, ...)
 * @param scope     their scope: {@code providers}, {@code fundingSources}, {@code clusters}, {@code projects}
 */
public record ConsoleUser(String principal, List<String> roles, Map<String, List<String>> scope) {

    @SuppressWarnings("unchecked")
    static ConsoleUser of(Map<String, Object> me) {
        return new ConsoleUser(String.valueOf(me.get("principal")), (List<String>) me.getOrDefault("roles", List.of()),
                (Map<String, List<String>>) me.getOrDefault("scope", Map.of()));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Whether any of the roles is theirs (for a menu entry several roles reach). */
    public boolean hasAny(String... any) {
        for (String role : any) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public List<String> providers() {
        return scope.getOrDefault("providers", List.of());
    }
}
