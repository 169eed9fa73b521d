package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which allocations to list, a page at a time in allocation id order: every filter is optional (empty: any), and
 * they all hold together. The period keeps the allocations whose period [periodStart, periodEnd) overlaps
 * [from, to); either end may be open.
 *
 * @param readable what the reader may see at all, applied before every filter
 * @param after    the last allocation id of the previous page; empty for the first page
 * @param limit    at most this many, in [1, {@link #LIMIT_MAX}]
 */
public record FindAllocations(Readable readable, Optional<ProjectId> projectId, Optional<PoolId> poolId,
                              Optional<ProviderId> providerId, Optional<SchedulerAccount> schedulerAccount,
                              Optional<AllocationState> state, Optional<FundingSource> fundingSource,
                              Optional<Instant> from, Optional<Instant> to, Optional<AllocationId> after,
                              int limit) {

    public static final int LIMIT_MAX = 500;

    public FindAllocations {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + LIMIT_MAX + "], got " + limit);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to, got [" + from.get() + ", " + to.get() + ")");
        }
    }

    /**
     * The allocations a reader may see: every one, or those on the pools of its providers and those of its projects
     * (a principal investigator); a reader of neither sees none, never all.
     */
    public record Readable(Set<ProviderId> providers, Set<ProjectId> projects, boolean everything) {

        public static final Readable EVERYTHING = new Readable(Set.of(), Set.of(), true);

        public Readable {
            providers = Set.copyOf(providers);
            projects = Set.copyOf(projects);
        }
    }

    /** @param next the cursor of the next page: the last allocation id of this one; null on the last page */
    public record Page(List<BalanceView> items, AllocationId next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
