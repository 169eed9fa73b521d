package eu.gpuledger.bench;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.usage.ReportedUsage;
import eu.gpuledger.ledger.usage.UsageRecordId;

import java.time.Instant;

/**
 * Synthetic usage records (as posted to /usage/records), made on demand from their number alone (nothing is held in memory): job n is charged to
 * one of the allocations picked by a hash of n, so that consecutive jobs land on different allocations, as in a
 * real sacct export sorted by end time. Its charge is known without the ledger: {@link #gpuSeconds(long)}.
 */
final class SyntheticUsage {

    static final ClusterName CLUSTER = ClusterName.of("bench-cluster");
    static final PoolId POOL = PoolId.of("bench-h100");
    static final String PARTITION = "gpu_bench";
    static final Instant PERIOD_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant PERIOD_END = Instant.parse("2027-01-01T00:00:00Z");
    /** Jobs end one every ten seconds from here: a million jobs end within the allocations' period. */
    private static final Instant FIRST_END = Instant.parse("2026-02-01T00:00:00Z");
    private static final long END_STEP_SECONDS = 10;
    private static final int GPUS_MAX = 8;
    private static final long ELAPSED_SECONDS_MAX = 86_400;

    private final int allocationsTotal;

    SyntheticUsage(int allocationsTotal) {
        if (allocationsTotal <= 0) {
            throw new IllegalArgumentException("allocationsTotal must be positive, got " + allocationsTotal);
        }
        this.allocationsTotal = allocationsTotal;
    }

    static AllocationId allocation(int index) {
        return AllocationId.of("bench-alloc-" + index);
    }

    static SchedulerAccount account(int index) {
        return SchedulerAccount.of("acct" + index + "@h100");
    }

    int allocationOf(long job) {
        return (int) Long.remainderUnsigned(mix(job), allocationsTotal);
    }

    static int gpus(long job) {
        return 1 + (int) Long.remainderUnsigned(mix(job) >>> 20, GPUS_MAX);
    }

    static long elapsedSeconds(long job) {
        return 1 + Long.remainderUnsigned(mix(job) >>> 30, ELAPSED_SECONDS_MAX);
    }

    static long gpuSeconds(long job) {
        return Math.multiplyExact(gpus(job), elapsedSeconds(job));
    }

    ReportedUsage.Measured record(long job) {
        String jobId = Long.toString(10_000_000L + job);
        Instant end = FIRST_END.plusSeconds(Math.multiplyExact(job, END_STEP_SECONDS));
        if (!end.isBefore(PERIOD_END)) {
            throw new IllegalArgumentException("job " + job + " would end after the allocations' period");
        }
        long elapsed = elapsedSeconds(job);
        int allocation = allocationOf(job);
        return new ReportedUsage.Measured(job + 1, UsageRecordId.of(CLUSTER.value() + ":" + jobId), CLUSTER,
                PARTITION, jobId, account(allocation), "user" + (allocation % 97), gpus(job), elapsed,
                end.minusSeconds(elapsed), end, null);
    }

    /** SplitMix64's finaliser: a cheap, well-spread hash of the job number. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
