package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.rate.RateId;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;

import java.time.Instant;
import java.util.Optional;

/**
 * What the write model asks before it applies a command, when the answer spans aggregates: a grant names a known
 * project and pool and overlaps no other grant of its pool and scheduler account; a pool names a known provider and
 * a partition no other pool holds; a transfer converts at the rates in force on the pools of its allocations; a job is charged on the pool it ran in.
 * Command handlers take it as a parameter (Axon resolves it from the Spring bean, {@link LedgerDirectory}, which
 * reads the tables {@link DirectoryUpdater} writes in the same transaction as the events).
 * <p>
 * The checks that must hold under concurrency ({@link #allocationOverlapping}, {@link #poolOnPartition}) serialise
 * the commands that ask the same question until the end of the asking command's transaction, in which the directory
 * row of its own event is written: the second of two concurrent grants waits, then sees the first.
 */
public interface Directory {

    boolean providerExists(ProviderId providerId);

    /**
     * The EuroHPC JU's share of a provider's machine, in percent: empty for an unknown provider or one the JU does
     * not co-fund (registered without a share).
     */
    Optional<java.math.BigDecimal> juSharePercent(ProviderId providerId);

    boolean projectExists(ProjectId projectId);

    boolean poolExists(PoolId poolId);

    /** A pool with what the charging rules need of it; empty when it is not known. */
    Optional<PoolEntry> pool(PoolId poolId);

    /** The pool that holds a partition of a cluster, for charging a job that ran in it; empty when none does. */
    Optional<PoolEntry> poolOfPartition(ClusterName cluster, String partition);

    /** The pool an allocation draws on; empty when the allocation is not known. */
    Optional<PoolId> poolOfAllocation(AllocationId allocationId);

    /** Who funds an allocation; empty when the allocation is not known. */
    Optional<FundingSource> fundingSourceOfAllocation(AllocationId allocationId);

    /** The factor version in force at {@code at}: the latest whose effectiveFrom is not after it. */
    Optional<NormalisationFactor> factorInForce(PoolId poolId, Instant at);

    /** The price version in force at {@code at}: the latest whose effectiveFrom is not after it. */
    Optional<PricePerGpuHour> priceInForce(PoolId poolId, Instant at);

    /**
     * Another allocation of the same pool and scheduler account whose period overlaps [periodStart, periodEnd);
     * serialised with every other grant on that pool and account until the caller's transaction ends.
     */
    Optional<AllocationId> allocationOverlapping(AllocationId allocationId, PoolId poolId, SchedulerAccount account,
                                                 Instant periodStart, Instant periodEnd);

    /**
     * The pool that holds a partition of a cluster, if any; serialised with every other registration on that
     * partition until the caller's transaction ends.
     */
    Optional<PoolId> poolOnPartition(ClusterName cluster, String partition);

    /**
     * The rate a funder already has on a pool from exactly {@code effectiveFrom}, if any; serialised with every other
     * rate of that funder and pool until the caller's transaction ends, so two ids cannot both take one version.
     */
    Optional<RateId> rateVersionAt(FundingSource funder, PoolId poolId, Instant effectiveFrom);

    /**
     * The number the next statement a funder issues in {@code year} takes: one more than the largest taken, from 1;
     * serialised with every other issue of that funder and year until the caller's transaction ends, in which the
     * number is written (docs/statements.md: no gaps, also under concurrent issues).
     */
    int nextStatementNumber(FundingSource funder, int year);
}
