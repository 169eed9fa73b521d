package eu.gpuledger.ledger.usage.csv;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.UsageRecordId;

import java.time.Instant;

/**
 * One record of a private provider's usage, billed per minute (docs/usage-csv-format.md).
 *
 * @param recordId      the provider's id of the record: the idempotency key
 * @param cluster       the provider's cluster or region, null when the provider did not say
 * @param jobId         the provider's job or instance id, null when the provider did not say
 * @param gpus          GPUs billed, at least 1
 * @param start         when the billed use started
 * @param end           when it ended: the effective time, which picks the allocation period
 * @param billedMinutes minutes billed, positive
 */
public record BilledUsage(UsageRecordId recordId, ProviderId providerId, ClusterName cluster,
                          SchedulerAccount account, PoolId pool, String user, String jobId, int gpus,
                          Instant start, Instant end, long billedMinutes) {

    public static final long SECONDS_PER_MINUTE = 60;

    /** GPUs × billed minutes × 60, exact. */
    public GpuSeconds gpuSeconds() {
        return GpuSeconds.of(Math.multiplyExact(Math.multiplyExact((long) gpus, billedMinutes), SECONDS_PER_MINUTE));
    }
}
