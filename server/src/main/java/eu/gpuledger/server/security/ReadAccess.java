package eu.gpuledger.server.security;

import eu.gpuledger.ledger.allocation.FundingSource;

import eu.gpuledger.projections.rate.RateQueries;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.access.OutOfScope;
import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.projections.balance.BalanceQueries;
import eu.gpuledger.projections.balance.BalanceView;
import eu.gpuledger.projections.balance.FindAllocations;
import eu.gpuledger.projections.catalogue.CatalogueQueries;
import eu.gpuledger.projections.catalogue.FindProjects;
import eu.gpuledger.projections.transfer.TransferProjection.TransferView;
import eu.gpuledger.reports.usage.ReportScope;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * What the current request's actor may read, asked by the controllers before they answer; the write side's twin is
 * the ledger's {@code CommandAccess}. Whose a record is comes from the read models the answer itself is read from
 * (the balance view, the catalogue), so the edge still reads no write-side table: a record they do not show passes,
 * and the controller answers 404 as for anyone; a record shown but outside the actor's scope is refused with 403
 * {@code out-of-scope} (docs/security.md says why not 404).
 */
@Component
public class ReadAccess {

    private final BalanceQueries balances;
    private final CatalogueQueries catalogue;

    public ReadAccess(BalanceQueries balances, CatalogueQueries catalogue) {
        this.balances = balances;
        this.catalogue = catalogue;
    }

    /** An allocation's balance or history: its provider's readers, or the principal investigator of its project. */
    public void allocation(AllocationId allocationId) {
        Actor actor = actor();
        balances.balance(allocationId).ifPresent(view -> {
            ProviderId provider = providerOfPool(view.poolId()).orElse(null);
            if (provider == null || !actor.readsAllocation(provider, ProjectId.of(view.projectId()))) {
                throw refused(actor, "allocation '" + allocationId + "' (provider '" + provider
                        + "', project '" + view.projectId() + "')");
            }
        });
    }

    /**
     * The allocations a list shows the actor: every one to administrators and auditors, those on its providers' pools
     * to a centre accountant, those of its projects to a principal investigator (as {@link #allocation} judges one).
     */
    public FindAllocations.Readable allocations() {
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR)) {
            return FindAllocations.Readable.EVERYTHING;
        }
        return new FindAllocations.Readable(
                actor.has(Role.CENTRE_ACCOUNTANT) ? actor.scope().providers() : java.util.Set.of(),
                actor.has(Role.PI) ? actor.scope().projects() : java.util.Set.of(), false);
    }

    /** A project: the national roles read every project, a principal investigator their own. */
    public void project(ProjectId projectId) {
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR) || actor.has(Role.CENTRE_ACCOUNTANT)
                || (actor.has(Role.PI) && actor.scope().projects().contains(projectId))) {
            return;
        }
        throw refused(actor, "project '" + projectId + "'");
    }

    /** The projects a list shows the actor: as {@link #project} judges one, every one but to a PI, its own. */
    public FindProjects.Readable projects() {
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR) || actor.has(Role.CENTRE_ACCOUNTANT)) {
            return FindProjects.Readable.EVERYTHING;
        }
        return new FindProjects.Readable(actor.has(Role.PI) ? actor.scope().projects() : java.util.Set.of(), false);
    }

    /** A project's allocations as the actor may see them: a centre accountant those of its providers only. */
    public List<BalanceView> ofProject(ProjectId projectId, List<BalanceView> allocations) {
        project(projectId);
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR)
                || (actor.has(Role.PI) && actor.scope().projects().contains(projectId))) {
            return allocations;
        }
        return allocations.stream().filter(view -> providerOfPool(view.poolId())
                .map(actor::readsProvider).orElse(false)).toList();
    }

    /** A transfer: the readers of either side's provider. */
    public void transfer(TransferView transfer) {
        Actor actor = actor();
        String transferId = transfer.transferId();
        Optional<ProviderId> source = providerOfAllocation(AllocationId.of(transfer.fromAllocationId()));
        Optional<ProviderId> target = providerOfAllocation(AllocationId.of(transfer.toAllocationId()));
        if (source.map(actor::readsProvider).orElse(false) || target.map(actor::readsProvider).orElse(false)
                || actor.has(Role.ADMIN) || actor.has(Role.AUDITOR)) {
            return;
        }
        throw refused(actor, "transfer '" + transferId + "'");
    }

    /**
     * A webhook registration and its deliveries: administrators all, a centre accountant those of its providers (a
     * registration of every provider, with no providerId, is the administrators').
     */
    public void webhook(String webhookId, Optional<String> providerId) {
        Actor actor = actor();
        if (!webhooks().test(providerId)) {
            throw refused(actor, "webhook '" + webhookId + "'");
        }
    }

    /** Which registrations, by their provider, the actor may read. */
    public java.util.function.Predicate<Optional<String>> webhooks() {
        Actor actor = actor();
        return providerId -> actor.has(Role.ADMIN)
                || providerId.map(provider -> actor.managesProvider(ProviderId.of(provider))).orElse(false);
    }

    /** A cluster's quota: its hook, its provider's accountants, administrators and auditors. */
    public void quota(String cluster) {
        Actor actor = actor();
        ClusterName name = ClusterName.parse(cluster, "cluster");
        if (!actor.readsQuota(name, () -> providerOfCluster(name))) {
            throw refused(actor, "the quota of cluster '" + cluster + "'");
        }
    }

    /**
     * A {@code sacct} import names its cluster: one of another provider is refused whole, before a line is read.
     * An undeclared cluster passes here; its lines are judged one by one on the command side.
     */
    public void importOf(ClusterName cluster) {
        Actor actor = actor();
        providerOfCluster(cluster).ifPresent(provider -> {
            if (!actor.managesProvider(provider)) {
                throw refused(actor, "usage of cluster '" + cluster + "' (provider '" + provider + "')", "import");
            }
        });
    }

    /** Kept usage: a centre accountant names a cluster of its providers. */
    public void unmatched(ClusterName cluster) {
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR)) {
            return;
        }
        if (cluster == null) {
            throw refused(actor, "kept usage of every cluster (name a cluster of your providers with ?cluster=)");
        }
        if (!providerOfCluster(cluster).map(actor::managesProvider).orElse(false)) {
            throw refused(actor, "kept usage of cluster '" + cluster + "'");
        }
    }

    /** The provider of a cluster, as the catalogue shows it (what an import of the cluster is listed under). */
    public Optional<ProviderId> providerOf(ClusterName cluster) {
        return providerOfCluster(cluster);
    }

    /**
     * The imports of usage the actor may list: every one to administrators and auditors; to a centre accountant
     * those of its providers and those it sent itself. Naming a provider outside its scope is refused.
     */
    public eu.gpuledger.server.usage.ImportLog.Readable imports(ProviderId provider) {
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR)) {
            return eu.gpuledger.server.usage.ImportLog.Readable.EVERYTHING;
        }
        if (provider != null && !actor.managesProvider(provider)) {
            throw refused(actor, "the imports of provider '" + provider + "'");
        }
        return new eu.gpuledger.server.usage.ImportLog.Readable(false, actor.scope().providers().stream()
                .map(ProviderId::value).collect(java.util.stream.Collectors.toSet()), actor.principal());
    }

    /** The rows of a report the actor may read: a funder its funding sources, a centre accountant its providers. */
    public ReportScope report() {
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR)) {
            return ReportScope.EVERYTHING;
        }
        return new ReportScope(actor.has(Role.FUNDER) ? actor.scope().fundingSources() : java.util.Set.of(),
                actor.has(Role.CENTRE_ACCOUNTANT) ? actor.scope().providers() : java.util.Set.of());
    }

    /**
     * The rate cards the actor may read: a funder those of its funding sources, a centre accountant those on the
     * pools of its providers (what its pools are billed at); the national roles every one.
     */
    public RateQueries.Readable rates() {
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR)) {
            return RateQueries.Readable.EVERYTHING;
        }
        return new RateQueries.Readable(actor.has(Role.FUNDER) ? actor.scope().fundingSources() : java.util.Set.of(),
                actor.has(Role.CENTRE_ACCOUNTANT) ? actor.scope().providers() : java.util.Set.of(), false);
    }

    /** Whose statements a reader lists: a funder those of its funding sources, the national roles every one. */
    public record StatementReaders(java.util.Set<FundingSource> funders, boolean everything) {
    }

    public StatementReaders statements() {
        Actor actor = actor();
        if (actor.has(Role.ADMIN) || actor.has(Role.AUDITOR)) {
            return new StatementReaders(java.util.Set.of(), true);
        }
        return new StatementReaders(actor.has(Role.FUNDER) ? actor.scope().fundingSources() : java.util.Set.of(),
                false);
    }

    /** A statement of {@code funder}: read by its funder, administrators and auditors (docs/security.md). */
    public void statement(FundingSource funder, String statementId) {
        Actor actor = actor();
        if (!actor.readsStatementsOf(funder)) {
            throw refused(actor, "statement '" + statementId + "' of funder " + funder);
        }
    }

    private Optional<ProviderId> providerOfPool(String poolId) {
        return catalogue.providerOfPool(poolId).map(ProviderId::of);
    }

    private Optional<ProviderId> providerOfCluster(ClusterName cluster) {
        return catalogue.providerOfCluster(cluster.value()).map(ProviderId::of);
    }

    private Optional<ProviderId> providerOfAllocation(AllocationId allocationId) {
        return balances.balance(allocationId).flatMap(view -> providerOfPool(view.poolId()));
    }

    private static Actor actor() {
        return LedgerAuthentication.current().orElseThrow(() -> new IllegalStateException(
                "a read outside an authenticated request: the security filters let it through"));
    }

    private static OutOfScope refused(Actor actor, String what) {
        return refused(actor, what, "read");
    }

    private static OutOfScope refused(Actor actor, String what, String action) {
        return new OutOfScope(what + " is outside what " + actor.principal() + " may " + action + " (roles "
                + actor.roles() + ", scope " + describe(actor) + ")");
    }

    private static String describe(Actor actor) {
        return "providers " + actor.scope().providers() + ", funding sources " + actor.scope().fundingSources()
                + ", clusters " + actor.scope().clusters() + ", projects " + actor.scope().projects();
    }
}
