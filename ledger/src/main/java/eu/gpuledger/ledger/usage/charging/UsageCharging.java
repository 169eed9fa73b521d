package eu.gpuledger.ledger.usage.charging;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.directory.LedgerDirectory.PoolEntry;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.usage.IgnoredReason;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.csv.BilledUsage;
import eu.gpuledger.ledger.usage.sacct.SacctJob;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Joins a reader's outcomes to the pools and the charging rules, still streaming: what comes out is only what the
 * usage store must deduplicate and record; every step, job not final, job that never started, uncharged pool and
 * unreadable line is counted on the tally on the way. Pool look-ups are cached per partition (or pool id), so the
 * directory is asked once per partition, not once per job.
 */
public final class UsageCharging {

    /** A bound on the pool cache: a cluster has tens of partitions; past it, look-ups are not cached. */
    private static final int POOLS_CACHED_MAX = 10_000;

    private UsageCharging() {
    }

    /**
     * @param poolOfPartition the pool of a partition of {@code cluster} (e.g. {@code LedgerDirectory::poolOfPartition}
     *                        bound to the cluster); a job in a partition that is no pool is rejected, naming it
     */
    public static Stream<ChargedUsage<SacctJob>> sacctJobs(Stream<LineOutcome<SacctJob>> outcomes, ClusterName cluster,
                                                          Function<String, Optional<PoolEntry>> poolOfPartition,
                                                          ImportTally tally) {
        Function<String, Optional<PoolEntry>> pools = cached(poolOfPartition);
        return outcomes.<ChargedUsage<SacctJob>>mapMulti((outcome, downstream) -> {
            if (!(outcome instanceof LineOutcome.Read<SacctJob>(long lineNumber, SacctJob job))) {
                tally.count(outcome);
                return;
            }
            Optional<PoolEntry> pool = pools.apply(job.partition());
            if (pool.isEmpty()) {
                tally.countRejected(lineNumber, "Partition '" + job.partition() + "' is not a pool of cluster "
                        + cluster + " (declare it, with charged false if it is never charged)");
                return;
            }
            ChargeDecision decision = ChargingRules.charge(job, pool.get());
            if (decision.chargedGpus() > LedgerLimits.JOB_GPUS_MAX) {
                tally.countRejected(lineNumber, "the job is charged " + decision.chargedGpus() + " GPUs (whole nodes"
                        + " of pool " + pool.get().poolId() + "), more than " + LedgerLimits.JOB_GPUS_MAX
                        + " GPUs for one job");
                return;
            }
            if (!decision.isCharged()) {
                tally.countIgnored(IgnoredReason.UNCHARGED_POOL);
                return;
            }
            downstream.accept(new ChargedUsage<>(lineNumber, job, pool.get(), decision));
        });
    }

    /**
     * @param poolById the pool of a pool id (e.g. {@code LedgerDirectory::pool}); a record on an unknown pool, on
     *                 a pool of another provider or of another cluster than it names, is rejected, naming it
     */
    public static Stream<ChargedUsage<BilledUsage>> billedUsage(Stream<LineOutcome<BilledUsage>> outcomes,
                                                               Function<PoolId, Optional<PoolEntry>> poolById,
                                                               ImportTally tally) {
        Function<PoolId, Optional<PoolEntry>> pools = cached(poolById);
        return outcomes.<ChargedUsage<BilledUsage>>mapMulti((outcome, downstream) -> {
            if (!(outcome instanceof LineOutcome.Read<BilledUsage>(long lineNumber, BilledUsage usage))) {
                tally.count(outcome);
                return;
            }
            Optional<PoolEntry> pool = pools.apply(usage.pool());
            if (pool.isEmpty()) {
                tally.countRejected(lineNumber, "pool '" + usage.pool() + "' is not a pool the ledger knows");
                return;
            }
            if (!pool.get().providerId().equals(usage.providerId())) {
                tally.countRejected(lineNumber, "pool '" + usage.pool() + "' belongs to provider "
                        + pool.get().providerId() + ", not to providerId '" + usage.providerId() + "'");
                return;
            }
            if (usage.cluster() != null && !usage.cluster().equals(pool.get().cluster())) {
                tally.countRejected(lineNumber, "cluster '" + usage.cluster() + "' is not the cluster of pool '"
                        + usage.pool() + "' (" + pool.get().cluster() + ")");
                return;
            }
            ChargeDecision decision = ChargingRules.charge(usage, pool.get());
            if (!decision.isCharged()) {
                tally.countIgnored(IgnoredReason.UNCHARGED_POOL);
                return;
            }
            downstream.accept(new ChargedUsage<>(lineNumber, usage, pool.get(), decision));
        });
    }

    private static <K> Function<K, Optional<PoolEntry>> cached(Function<K, Optional<PoolEntry>> lookUp) {
        Map<K, Optional<PoolEntry>> known = new HashMap<>();
        return key -> {
            Optional<PoolEntry> pool = known.get(key);
            if (pool == null) {
                pool = lookUp.apply(key);
                if (known.size() < POOLS_CACHED_MAX) {
                    known.put(key, pool);
                }
            }
            return pool;
        };
    }
}
