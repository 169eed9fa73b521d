package eu.gpuledger.ledger.access;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;

import java.util.Set;

/**
 * What an actor's scoped roles reach: providers (a centre accountant), funding sources (a funder), clusters (a quota
 * hook), projects (a principal investigator). Each set is read only by the role it scopes.
 */
public record Scope(Set<ProviderId> providers, Set<FundingSource> fundingSources, Set<ClusterName> clusters,
                    Set<ProjectId> projects) {

    /** Values one scope may name at most, of each kind: a token or a claim listing more is refused. */
    public static final int VALUES_MAX = 64;

    public static final Scope NONE = new Scope(Set.of(), Set.of(), Set.of(), Set.of());

    public Scope {
        providers = Set.copyOf(providers);
        fundingSources = Set.copyOf(fundingSources);
        clusters = Set.copyOf(clusters);
        projects = Set.copyOf(projects);
        for (Set<?> values : java.util.List.of(providers, fundingSources, clusters, projects)) {
            if (values.size() > VALUES_MAX) {
                throw new IllegalArgumentException("a scope names at most " + VALUES_MAX + " values of each kind");
            }
        }
    }
}
