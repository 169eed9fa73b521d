package eu.gpuledger.ledger.usage.sacct;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.usage.UsageRecordId;

import java.time.Instant;

/**
 * The main accounting record of one Slurm job that ran and reached a final state: what the charging rules need.
 *
 * @param jobId          sacct JobID as people know it: {@code 123456}, or {@code 123456_7} for an array task
 * @param jobIdRaw       sacct JobIDRaw, the cluster-unique job number (each array task has its own)
 * @param partition      the partition it ran in, which names its pool on the cluster
 * @param elapsedSeconds ElapsedRaw, positive: the charged duration (not End - Start)
 * @param start          when it started
 * @param end            when it ended: its effective time, which picks the allocation period
 */
public record SacctJob(ClusterName cluster, String jobId, String jobIdRaw, SchedulerAccount account, String user,
                       String partition, AllocatedResources allocated, long elapsedSeconds, Instant start,
                       Instant end, SlurmJobState state) {

    /** Between cluster and JobIDRaw in a record id: allowed in ids and URL paths, absent from cluster names. */
    public static final char RECORD_ID_SEPARATOR = ':';

    /** The idempotency key of this job's charge: the cluster and JobIDRaw, e.g. {@code jean-zay:123456}. */
    public UsageRecordId recordId() {
        return UsageRecordId.parse(cluster.value() + RECORD_ID_SEPARATOR + jobIdRaw, "recordId");
    }
}
