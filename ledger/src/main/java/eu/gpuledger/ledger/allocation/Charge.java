package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.usage.UsageRecordId;

import java.time.Instant;

/**
 * The charge of one job, as recorded on its allocation. Its effective time is the job's end.
 * <p>
 * For a Slurm job, {@code chargedGpus} is what the charging rules made of its allocation (whole nodes, a CPU share)
 * and {@code elapsedSeconds} its ElapsedRaw; for a record billed per minute, the GPUs billed and the minutes × 60.
 * The factor and price in force at that time are kept on the charge, so reports and statements never need to
 * guess which version applied.
 *
 * @param factor null when the pool had no normalisation factor in force at the job's end
 * @param price  null when the pool had no price in force at the job's end
 *               (absent fields are not written: a charge is stored a million times a day)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Charge(UsageRecordId recordId, ClusterName cluster, String jobId, String user, String partition,
                     int chargedGpus, Instant start, Instant end, long elapsedSeconds,
                     NormalisationFactor factor, PricePerGpuHour price) {

    public Instant effectiveAt() {
        return end;
    }

    /**
     * What the job costs: charged GPUs × elapsed seconds, exact. Not stored (since revision 2 of
     * {@link ConsumptionRecorded}): it follows from the two, whichever rule decided the charged GPUs.
     */
    public GpuSeconds gpuSeconds() {
        return GpuSeconds.of(Math.multiplyExact((long) chargedGpus, elapsedSeconds));
    }
}
