package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * One job, charged by the charging rules and ready to be booked: the unit that ingestion deduplicates.
 *
 * @param poolId      the pool of the job's (cluster, partition)
 * @param chargedGpus GPUs charged (after the whole-node rule)
 * @param gpuSeconds  chargedGpus × elapsedSeconds
 * @param line        the line of the source file or list it came from, for the answer's rejected list
 */
public record UsageRecord(UsageRecordId recordId, ClusterName cluster, String jobId, SchedulerAccount account,
                          String partition, PoolId poolId, String user, int chargedGpus, Instant start, Instant end,
                          long elapsedSeconds, GpuSeconds gpuSeconds, long line) {

    /** The key of a Slurm job: its cluster and JobIDRaw (each array task has its own). */
    public static UsageRecordId slurmRecordId(ClusterName cluster, String jobIdRaw) {
        return UsageRecordId.parse(cluster.value() + ":" + jobIdRaw, "recordId");
    }

    /**
     * A 64-bit fingerprint of what was charged; the same key with another fingerprint is a conflict, never a
     * second charge. The line is not part of it: the same job in another file is the same job.
     */
    public long contentHash() {
        String canonical = String.join("|", recordId.value(), cluster.value(), jobId, account.value(), partition,
                user == null ? "" : user, Integer.toString(chargedGpus), String.valueOf(start), end.toString(),
                Long.toString(elapsedSeconds), Long.toString(gpuSeconds.value()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            long hash = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                hash = (hash << 8) | (digest[i] & 0xFF);
            }
            return hash;
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
