package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Hours were granted to one project on one pool from one funding source for the half-open period
 * [periodStart, periodEnd).
 *
 * @param schedulerAccount the account the pool's scheduler charges jobs to; null when usage arrives only by API
 */
@Revision("1")
public record AllocationGranted(AllocationId allocationId, ProjectId projectId, PoolId poolId,
                                FundingSource fundingSource, GpuSeconds granted, Instant periodStart,
                                Instant periodEnd, int overConsumptionPercent, SchedulerAccount schedulerAccount)
        implements AllocationMovement {
}
