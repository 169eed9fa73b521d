package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.usage.csv.BilledUsage;
import eu.gpuledger.ledger.usage.sacct.SacctJob;

import java.time.Instant;

/**
 * A job as its source reported it, before any rule of the ledger looked at it: which pool it ran on and what it
 * costs are decided on the command side ({@link UsageBatchHandler}, with {@code charging.UsageCharging}), so that
 * every entry point (an import over HTTP, the CLI, a retry, a future message) is charged by the same rules.
 */
public sealed interface ReportedUsage {

    /** The line (or array element) of the input it came from, 1 for the first: refusals name it. */
    long line();

    UsageRecordId recordId();

    /**
     * Jobs with equal keys go to the same allocation when they end in the same period: the pool as the source names
     * it, and the scheduler account. Batches are cut along these keys so that a batch charges few allocations.
     */
    String allocationKey();

    /** A job of {@code sacct}, charged by the whole-node and CPU-share rules on the pool of its partition. */
    record SlurmJob(long line, SacctJob job) implements ReportedUsage {
        @Override
        public UsageRecordId recordId() {
            return job.recordId();
        }

        @Override
        public String allocationKey() {
            return job.cluster().value() + '\u0000' + job.partition() + '\u0000' + job.account().value();
        }
    }

    /** A record of a private provider's billed-usage CSV, charged as billed: GPUs × minutes. */
    record Billed(long line, BilledUsage usage) implements ReportedUsage {
        @Override
        public UsageRecordId recordId() {
            return usage.recordId();
        }

        @Override
        public String allocationKey() {
            return usage.pool().value() + '\u0000' + usage.account().value();
        }
    }

    /**
     * A usage record posted as JSON, its GPUs counted by the reporter: charged as GPUs × elapsed seconds on the
     * pool of its partition.
     *
     * @param jobId      the job's id as people know it; the record id when the reporter gave none
     * @param providerId the provider the reporter names, checked against the pool's; null when it named none
     * @param start      null when the reporter did not say
     */
    record Measured(long line, UsageRecordId recordId, ClusterName cluster, String partition, String jobId,
                    SchedulerAccount account, String user, int gpus, long elapsedSeconds, Instant start, Instant end,
                    ProviderId providerId) implements ReportedUsage {
        @Override
        public String allocationKey() {
            return cluster.value() + '\u0000' + partition + '\u0000' + account.value();
        }
    }
}
