package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

/**
 * Net consumption moved the allocation across a line of the over-consumption policy: into low priority,
 * blocked, or back (after a supplement, refund or transfer in).
 */
@Revision("1")
public record AllocationStandingChanged(AllocationId allocationId, Standing from, Standing to,
                                        GpuSeconds netConsumed, GpuSeconds entitlement) {
}
