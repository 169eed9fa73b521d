package eu.gpuledger.server.web.admin;

import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.server.security.ApiTokens;
import eu.gpuledger.server.security.ApiTokens.Issued;
import eu.gpuledger.server.security.ApiTokens.Page;
import eu.gpuledger.server.security.ApiTokens.TokenView;
import eu.gpuledger.server.security.LedgerAuthentication;
import eu.gpuledger.server.web.Inputs;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.List;

/** API tokens for machines, managed by administrators (docs/security.md); the secret is in the creation's answer only. */
@RestController
@RequestMapping("/api/v1/admin/tokens")
public class ApiTokenController {

    private static final int PAGE_LIMIT_DEFAULT = 100;

    private final ApiTokens tokens;

    public ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public record TokenRequest(String name, String description, String role, List<String> scope, String expiresAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Issued create(@RequestBody TokenRequest body) {
        if (body.scope() != null && body.scope().size() > eu.gpuledger.ledger.access.Scope.VALUES_MAX) {
            throw new InvalidInput("scope", "names at most " + eu.gpuledger.ledger.access.Scope.VALUES_MAX + " values");
        }
        Role role;
        try {
            role = body.role() == null ? null : Role.parse(body.role(), "role");
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInput("role", unknown.getMessage().substring("role ".length()));
        }
        return tokens.issue(new ApiTokens.Request(body.name(), body.description(), role,
                body.scope() == null ? null : new LinkedHashSet<>(body.scope()),
                body.expiresAt() == null ? null : Inputs.instant(body.expiresAt(), "expiresAt")), issuer());
    }

    @GetMapping
    public Page list(@RequestParam(defaultValue = "" + PAGE_LIMIT_DEFAULT) int limit,
                     @RequestParam(required = false) String after) {
        return tokens.list(after, (int) Inputs.wholeNumber((long) limit, "limit", 1, ApiTokens.PAGE_LIMIT_MAX));
    }

    @GetMapping("/{tokenId}")
    public TokenView get(@PathVariable String tokenId) {
        return tokens.get(tokenId);
    }

    /** Revokes the token: the next request made with it is refused (401). */
    @DeleteMapping("/{tokenId}")
    public TokenView revoke(@PathVariable String tokenId) {
        return tokens.revoke(tokenId, issuer());
    }

    private static String issuer() {
        return LedgerAuthentication.current().orElseThrow().principal();
    }
}
