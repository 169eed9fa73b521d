package eu.gpuledger.ledger.access;

/**
 * What a person or a machine may do in the ledger (docs/security.md). A role that is scoped reads its scope from
 * one kind of {@link Scope} value: a centre accountant's providers, a funder's funding sources, a quota hook's
 * clusters, a principal investigator's projects.
 */
public enum Role {
    /** The national coordinator: everything. */
    ADMIN(ScopeKind.NONE),
    /** A centre's accounting staff: the catalogue entries, allocations and usage of its providers. */
    CENTRE_ACCOUNTANT(ScopeKind.PROVIDERS),
    /** A funding agency: the reports (and statements) of its funding sources. */
    FUNDER(ScopeKind.FUNDING_SOURCES),
    /** Reads everything, changes nothing. */
    AUDITOR(ScopeKind.NONE),
    /** A scheduler's enforcement hook: the quota of its clusters. */
    QUOTA_HOOK(ScopeKind.CLUSTERS),
    /** A principal investigator: the allocations and history of their projects. */
    PI(ScopeKind.PROJECTS),
    /** A metrics collector: health details and Prometheus metrics, nothing of the ledger. */
    SCRAPE(ScopeKind.NONE);

    /** Which kind of value scopes a role. */
    public enum ScopeKind {
        NONE,
        PROVIDERS,
        FUNDING_SOURCES,
        CLUSTERS,
        PROJECTS
    }

    private final ScopeKind scopeKind;

    Role(ScopeKind scopeKind) {
        this.scopeKind = scopeKind;
    }

    public ScopeKind scopeKind() {
        return scopeKind;
    }

    /** The role named by {@code text} (case-insensitive), refused with the field named. */
    public static Role parse(String text, String field) {
        if (text != null) {
            for (Role role : values()) {
                if (role.name().equalsIgnoreCase(text.strip())) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + java.util.Arrays.toString(values())
                + ", got '" + (text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
    }
}
