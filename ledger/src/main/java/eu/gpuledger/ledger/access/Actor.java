package eu.gpuledger.ledger.access;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.project.ProjectId;
import org.axonframework.messaging.MetaData;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Who sends a command or asks a question, as authenticated at the edge: the principal recorded on every event (a
 * person's subject, or {@code token:<id>} for an API token), the roles, and the scope of the scoped roles.
 * It travels in a command's metadata ({@link #toMetadata}) so that the write model checks it where the data is
 * ({@link CommandAccess}, the usage batch handler), whatever the entry point.
 */
public record Actor(String principal, Set<Role> roles, Scope scope) {

    public static final String ROLES = "roles";
    public static final String SCOPE_PROVIDERS = "scopeProviders";
    public static final String SCOPE_FUNDING_SOURCES = "scopeFundingSources";
    public static final String SCOPE_CLUSTERS = "scopeClusters";
    public static final String SCOPE_PROJECTS = "scopeProjects";

    public Actor {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("an actor has a principal");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** An administrator, or a centre accountant of {@code provider}: who may change what belongs to it. */
    public boolean managesProvider(ProviderId provider) {
        return has(Role.ADMIN) || (has(Role.CENTRE_ACCOUNTANT) && scope.providers().contains(provider));
    }

    /** Who may read everything of a provider: its managers, and auditors. */
    public boolean readsProvider(ProviderId provider) {
        return has(Role.AUDITOR) || managesProvider(provider);
    }

    /** Who may read an allocation of {@code provider} for {@code project}. */
    public boolean readsAllocation(ProviderId provider, ProjectId project) {
        return readsProvider(provider) || (has(Role.PI) && scope.projects().contains(project));
    }

    /** An administrator, or a funder of {@code funder}: who may draft, issue and cancel its statements. */
    public boolean issuesStatementsOf(FundingSource funder) {
        return has(Role.ADMIN) || (has(Role.FUNDER) && scope.fundingSources().contains(funder));
    }

    /** Who may read a funder's statements: those who issue them, and auditors. */
    public boolean readsStatementsOf(FundingSource funder) {
        return has(Role.AUDITOR) || issuesStatementsOf(funder);
    }

    /** Who may read the quota of {@code cluster}, run by {@code provider} (empty when the cluster is undeclared). */
    public boolean readsQuota(ClusterName cluster, Supplier<Optional<ProviderId>> providerOfCluster) {
        if (has(Role.ADMIN) || has(Role.AUDITOR) || (has(Role.QUOTA_HOOK) && scope.clusters().contains(cluster))) {
            return true; // without asking whose cluster it is: a quota hook's answer reads nothing but memory
        }
        if (!has(Role.CENTRE_ACCOUNTANT)) {
            return false;
        }
        Optional<ProviderId> provider = providerOfCluster.get();
        return provider.isPresent() && scope.providers().contains(provider.get());
    }

    /** This actor as a command's metadata: the principal beside the other keys, roles and scope as text. */
    public MetaData toMetadata() {
        return MetaData.with(LedgerMetadata.PRINCIPAL, principal)
                .and(ROLES, join(roles, Role::name))
                .and(SCOPE_PROVIDERS, join(scope.providers(), ProviderId::value))
                .and(SCOPE_FUNDING_SOURCES, join(scope.fundingSources(), FundingSource::name))
                .and(SCOPE_CLUSTERS, join(scope.clusters(), ClusterName::value))
                .and(SCOPE_PROJECTS, join(scope.projects(), ProjectId::value));
    }

    /**
     * The actor a command's metadata names; empty when it names no roles, which only the ledger's own processes
     * send (the expiry scheduler, benchmarks, tests): every command from the edge carries one (docs/security.md).
     */
    public static Optional<Actor> of(MetaData metadata) {
        Object roles = metadata.get(ROLES);
        if (!(roles instanceof String text)) {
            return Optional.empty();
        }
        Object principal = metadata.get(LedgerMetadata.PRINCIPAL);
        return Optional.of(new Actor(String.valueOf(principal), split(text, value -> Role.valueOf(value)),
                new Scope(split(metadata.get(SCOPE_PROVIDERS), ProviderId::of),
                        split(metadata.get(SCOPE_FUNDING_SOURCES), FundingSource::valueOf),
                        split(metadata.get(SCOPE_CLUSTERS), ClusterName::of),
                        split(metadata.get(SCOPE_PROJECTS), ProjectId::of))));
    }

    private static <T> String join(Set<T> values, Function<T, String> text) {
        return values.stream().map(text).sorted().collect(Collectors.joining(","));
    }

    private static <T> Set<T> split(Object joined, Function<String, T> parse) {
        if (!(joined instanceof String text) || text.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(parse).collect(Collectors.toUnmodifiableSet());
    }
}
