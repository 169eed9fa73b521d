package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.transfer.TransferId;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * What an allocation is asked. Imperative names; each is idempotent on its client-chosen id. Most are commands of
 * the bus; {@link RefundConsumption}, {@link DebitForTransfer} and {@link CreditFromTransfer} are not: the ledger's
 * own command handlers ask them of a loaded allocation once they found what the client did not say (the booked job
 * of a refund, both sides of a transfer in one unit of work), so that nothing but those handlers moves such hours.
 */
public final class AllocationCommands {

    private AllocationCommands() {
    }

    /** Grant hours to one project on one pool from one funding source for [periodStart, periodEnd). */
    public record GrantAllocation(@TargetAggregateIdentifier AllocationId allocationId, ProjectId projectId,
                                  PoolId poolId, FundingSource fundingSource, GpuSeconds granted,
                                  Instant periodStart, Instant periodEnd, int overConsumptionPercent,
                                  SchedulerAccount schedulerAccount) {
        public static final int DEFAULT_OVER_CONSUMPTION_PERCENT = 25;
    }

    /** Add hours to an allocation without moving its end date. */
    public record SupplementAllocation(@TargetAggregateIdentifier AllocationId allocationId,
                                       SupplementId supplementId, GpuSeconds gpuSeconds, String reason) {
    }

    /** Charge a batch of jobs (already deduplicated by the usage store) to one allocation. */
    public record RecordConsumption(@TargetAggregateIdentifier AllocationId allocationId, List<Charge> charges) {
    }

    /**
     * Give back part or all of a job's charge; asked by {@code RefundHandler}, from the job as the usage store
     * booked it.
     *
     * @param charged     what the job was charged, from the usage store that recorded it
     * @param gpuSeconds  how much to give back; null for everything still refundable
     * @param effectiveAt the original job's effective time (its end)
     * @param factor      the factor the original charge used (null when none)
     * @param price       the price the original charge used (null when none)
     */
    public record RefundConsumption(AllocationId allocationId, RefundId refundId,
                                    UsageRecordId recordId, GpuSeconds charged, GpuSeconds gpuSeconds,
                                    Instant effectiveAt, NormalisationFactor factor, PricePerGpuHour price,
                                    String reason) {
    }

    /** Warn an under-consuming project; the expected pace is computed by the ledger at {@code warnedAt}. */
    public record WarnUnderConsumption(@TargetAggregateIdentifier AllocationId allocationId, WarningId warningId,
                                       Instant warnedAt, String reason) {
    }

    /** Take back unused hours from an allocation that was warned long enough before. */
    public record ClawBackAllocation(@TargetAggregateIdentifier AllocationId allocationId, ClawbackId clawbackId,
                                     GpuSeconds gpuSeconds, Instant requestedAt, String reason) {
    }

    public record SuspendAllocation(@TargetAggregateIdentifier AllocationId allocationId, String reason) {
    }

    public record ResumeAllocation(@TargetAggregateIdentifier AllocationId allocationId, String reason) {
    }

    /** Let the hours left lapse at the end of the period; sent by the expiry scheduler, harmless when repeated. */
    public record ExpireAllocation(@TargetAggregateIdentifier AllocationId allocationId, Instant now) {
    }

    /** Source side of a transfer, asked by {@code TransferHandler}: refused when it would overdraw the allocation. */
    public record DebitForTransfer(AllocationId allocationId, TransferId transferId, AllocationId toAllocationId,
                                   GpuSeconds gpuSeconds) {
    }

    /** Target side of a transfer, asked by {@code TransferHandler}. */
    public record CreditFromTransfer(AllocationId allocationId, TransferId transferId, AllocationId fromAllocationId,
                                     GpuSeconds gpuSeconds) {
    }
}
