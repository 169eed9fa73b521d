package eu.gpuledger.ledger.usage.charging;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.directory.PoolEntry;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.IgnoredReason;
import eu.gpuledger.ledger.usage.ReportedUsage;
import eu.gpuledger.ledger.usage.UsageRecord;
import eu.gpuledger.ledger.usage.csv.BilledUsage;
import eu.gpuledger.ledger.usage.sacct.SacctJob;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Joins a reported job to its pool and the charging rules, on the command side: what comes out is a job charged
 * and ready to be booked, one that costs nothing and why, or one refused and why (its partition or pool is none of
 * the catalogue's, its provider is not the pool's, it would be charged more GPUs than a job can have). Pool
 * look-ups are remembered, so that the directory is asked once per partition (or pool id) of a batch, not once per
 * job: one instance serves one batch, in one command's unit of work.
 */
public final class UsageCharging {

    /** A bound on the pools remembered: a batch names tens of partitions; past it, look-ups are not remembered. */
    private static final int POOLS_REMEMBERED_MAX = 10_000;

    /** What the charging rules made of one reported job. */
    public sealed interface Outcome {
        /** It costs GPU-seconds and goes to the usage store and an allocation. */
        record Chargeable(UsageRecord record) implements Outcome {
        }

        /** It costs nothing. */
        record Ignored(IgnoredReason reason) implements Outcome {
        }

        /** It cannot be charged; the reason names the field. */
        record Refused(String reason) implements Outcome {
        }
    }

    private record Partition(ClusterName cluster, String partition) {
    }

    private final Directory directory;
    private final Map<Partition, Optional<PoolEntry>> poolsOfPartitions = new HashMap<>();
    private final Map<PoolId, Optional<PoolEntry>> poolsById = new HashMap<>();

    public UsageCharging(Directory directory) {
        this.directory = directory;
    }

    public Outcome charge(ReportedUsage reported) {
        return switch (reported) {
            case ReportedUsage.SlurmJob slurm -> charge(slurm);
            case ReportedUsage.Billed billed -> charge(billed);
            case ReportedUsage.Measured measured -> charge(measured);
        };
    }

    private Outcome charge(ReportedUsage.SlurmJob reported) {
        SacctJob job = reported.job();
        Optional<PoolEntry> found = poolOfPartition(job.cluster(), job.partition());
        if (found.isEmpty()) {
            return new Outcome.Refused("Partition '" + job.partition() + "' is not a pool of cluster "
                    + job.cluster() + " (declare it, with charged false if it is never charged)");
        }
        PoolEntry pool = found.get();
        ChargeDecision decision = ChargingRules.charge(job, pool);
        if (decision.chargedGpus() > LedgerLimits.JOB_GPUS_MAX) {
            return new Outcome.Refused("the job is charged " + decision.chargedGpus() + " GPUs (whole nodes of pool "
                    + pool.poolId() + "), more than " + LedgerLimits.JOB_GPUS_MAX + " GPUs for one job");
        }
        if (!decision.isCharged()) {
            return new Outcome.Ignored(IgnoredReason.UNCHARGED_POOL);
        }
        return new Outcome.Chargeable(new UsageRecord(job.recordId(), job.cluster(), job.jobIdRaw(), job.account(),
                job.partition(), pool.poolId(), job.user(), decision.chargedGpus(), job.start(), job.end(),
                job.elapsedSeconds(), decision.gpuSeconds(), reported.line()));
    }

    private Outcome charge(ReportedUsage.Billed reported) {
        BilledUsage usage = reported.usage();
        Optional<PoolEntry> found = pool(usage.pool());
        if (found.isEmpty()) {
            return new Outcome.Refused("pool '" + usage.pool() + "' is not a pool the ledger knows");
        }
        PoolEntry pool = found.get();
        if (!pool.providerId().equals(usage.providerId())) {
            return new Outcome.Refused("pool '" + usage.pool() + "' belongs to provider " + pool.providerId()
                    + ", not to providerId '" + usage.providerId() + "'");
        }
        if (usage.cluster() != null && !usage.cluster().equals(pool.cluster())) {
            return new Outcome.Refused("cluster '" + usage.cluster() + "' is not the cluster of pool '"
                    + usage.pool() + "' (" + pool.cluster() + ")");
        }
        ChargeDecision decision = ChargingRules.charge(usage, pool);
        if (!decision.isCharged()) {
            return new Outcome.Ignored(IgnoredReason.UNCHARGED_POOL);
        }
        return new Outcome.Chargeable(new UsageRecord(usage.recordId(), pool.cluster(),
                usage.jobId() == null ? usage.recordId().value() : usage.jobId(), usage.account(), pool.partition(),
                pool.poolId(), usage.user(), decision.chargedGpus(), usage.start(), usage.end(),
                Math.multiplyExact(usage.billedMinutes(), BilledUsage.SECONDS_PER_MINUTE), decision.gpuSeconds(),
                reported.line()));
    }

    private Outcome charge(ReportedUsage.Measured reported) {
        Optional<PoolEntry> found = poolOfPartition(reported.cluster(), reported.partition());
        if (found.isEmpty()) {
            return new Outcome.Refused("partition " + reported.partition() + " of cluster " + reported.cluster()
                    + " is not a pool of the catalogue");
        }
        PoolEntry pool = found.get();
        if (reported.providerId() != null && !pool.providerId().equals(reported.providerId())) {
            return new Outcome.Refused("providerId " + reported.providerId() + " is not the provider of pool "
                    + pool.poolId() + " (" + pool.providerId() + ")");
        }
        if (!pool.charged()) {
            return new Outcome.Ignored(IgnoredReason.UNCHARGED_POOL);
        }
        if (reported.elapsedSeconds() == 0) {
            return new Outcome.Ignored(IgnoredReason.ZERO_ELAPSED);
        }
        return new Outcome.Chargeable(new UsageRecord(reported.recordId(), reported.cluster(), reported.jobId(),
                reported.account(), reported.partition(), pool.poolId(), reported.user(), reported.gpus(),
                reported.start(), reported.end(), reported.elapsedSeconds(),
                GpuSeconds.of(Math.multiplyExact((long) reported.gpus(), reported.elapsedSeconds())),
                reported.line()));
    }

    private Optional<PoolEntry> poolOfPartition(ClusterName cluster, String partition) {
        Partition key = new Partition(cluster, partition);
        Optional<PoolEntry> known = poolsOfPartitions.get(key);
        return known != null ? known : remember(poolsOfPartitions, key, directory.poolOfPartition(cluster, partition));
    }

    private Optional<PoolEntry> pool(PoolId poolId) {
        Optional<PoolEntry> known = poolsById.get(poolId);
        return known != null ? known : remember(poolsById, poolId, directory.pool(poolId));
    }

    private static <K> Optional<PoolEntry> remember(Map<K, Optional<PoolEntry>> remembered, K key,
                                                    Optional<PoolEntry> pool) {
        if (remembered.size() < POOLS_REMEMBERED_MAX) {
            remembered.put(key, pool);
        }
        return pool;
    }
}
