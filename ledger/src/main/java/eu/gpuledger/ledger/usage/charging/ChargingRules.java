package eu.gpuledger.ledger.usage.charging;

import eu.gpuledger.ledger.directory.PoolEntry;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.csv.BilledUsage;
import eu.gpuledger.ledger.usage.sacct.AllocatedResources;
import eu.gpuledger.ledger.usage.sacct.SacctJob;

/**
 * DOMAIN.md rules 2 and 4: what a job costs on its pool, in exact GPU-seconds. Pure: the same job on the same
 * pool is always charged the same. Why each choice: docs/charging-rules.md.
 * <pre>
 * uncharged pool                         → 0
 * nodes &gt; 1                              → nodes × GPUs per node                   (whole nodes)
 * CPUs ≥ nodes × CPUs per node           → nodes × GPUs per node                   (exclusive: the whole node)
 * otherwise                              → max(GPUs, ⌈GPUs per node × CPUs / CPUs per node⌉)
 * charge                                 = charged GPUs × ElapsedRaw seconds
 * </pre>
 * A whole-node charge is never below the GPUs allocated, should the pool's declared GPUs per node be too few.
 */
public final class ChargingRules {

    private ChargingRules() {
    }

    /** The charge of a Slurm job that ran, on the pool of the partition it ran in. */
    public static ChargeDecision charge(SacctJob job, PoolEntry pool) {
        if (!job.partition().equals(pool.partition()) || !job.cluster().equals(pool.cluster())) {
            throw new IllegalArgumentException("job " + job.jobId() + " ran in " + job.cluster() + "/"
                    + job.partition() + ", not in pool " + pool.poolId() + " (" + pool.cluster() + "/"
                    + pool.partition() + ")");
        }
        return charge(job.allocated(), job.elapsedSeconds(), pool);
    }

    /**
     * The charge of a job given what it was allocated and how long it ran, on {@code pool}.
     *
     * @param elapsedSeconds ElapsedRaw, not negative
     */
    public static ChargeDecision charge(AllocatedResources allocated, long elapsedSeconds, PoolEntry pool) {
        if (elapsedSeconds < 0) {
            throw new IllegalArgumentException("elapsedSeconds must not be negative, got " + elapsedSeconds);
        }
        if (!pool.charged()) {
            return new ChargeDecision(ChargingRule.UNCHARGED_POOL, 0, GpuSeconds.ZERO);
        }
        requireNodeShape(pool);
        ChargingRule rule;
        long chargedGpus;
        long wholeNodeGpus = (long) allocated.nodes() * pool.gpusPerNode();
        if (allocated.nodes() > 1) {
            rule = ChargingRule.WHOLE_NODES_MULTI_NODE;
            chargedGpus = Math.max(wholeNodeGpus, allocated.gpus());
        } else if (allocated.cpus() >= pool.cpusPerNode()) {
            rule = ChargingRule.WHOLE_NODE_EXCLUSIVE;
            chargedGpus = Math.max(wholeNodeGpus, allocated.gpus());
        } else {
            long cpuShareGpus = gpusOfCpuShare(allocated.cpus(), pool);
            if (cpuShareGpus > allocated.gpus()) {
                rule = ChargingRule.CPU_SHARE;
                chargedGpus = cpuShareGpus;
            } else {
                rule = ChargingRule.GPUS_ALLOCATED;
                chargedGpus = allocated.gpus();
            }
        }
        return new ChargeDecision(rule, Math.toIntExact(chargedGpus),
                GpuSeconds.of(Math.multiplyExact(chargedGpus, elapsedSeconds)));
    }

    /** The charge of a private provider's record billed per minute: GPUs × minutes × 60. */
    public static ChargeDecision charge(BilledUsage usage, PoolEntry pool) {
        if (!usage.pool().equals(pool.poolId())) {
            throw new IllegalArgumentException("record " + usage.recordId() + " is billed on pool " + usage.pool()
                    + ", not on " + pool.poolId());
        }
        if (!pool.charged()) {
            return new ChargeDecision(ChargingRule.UNCHARGED_POOL, 0, GpuSeconds.ZERO);
        }
        return new ChargeDecision(ChargingRule.BILLED_MINUTES, usage.gpus(), usage.gpuSeconds());
    }

    /**
     * GPUs of a CPU share, rounded up: CPUs taken beyond a GPU's share leave that GPU without the CPUs to feed
     * it, so nobody else can use it. Integer arithmetic, no fractions: ⌈a / b⌉ = (a + b - 1) / b for a ≥ 0.
     */
    static long gpusOfCpuShare(int cpus, PoolEntry pool) {
        long gpuCpus = Math.multiplyExact((long) pool.gpusPerNode(), cpus);
        return (gpuCpus + pool.cpusPerNode() - 1) / pool.cpusPerNode();
    }

    /** The Pool aggregate refuses such pools; this guards the division against a directory that disagrees. */
    private static void requireNodeShape(PoolEntry pool) {
        if (pool.cpusPerNode() <= 0) {
            throw new IllegalArgumentException("pool " + pool.poolId() + " has cpusPerNode " + pool.cpusPerNode());
        }
        if (pool.gpusPerNode() <= 0) {
            throw new IllegalArgumentException("pool " + pool.poolId() + " has gpusPerNode " + pool.gpusPerNode());
        }
    }
}
