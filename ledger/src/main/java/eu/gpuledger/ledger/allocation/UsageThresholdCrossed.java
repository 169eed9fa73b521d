package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

/** Net consumption crossed a notice threshold upwards; once per crossing. */
@Revision("1")
public record UsageThresholdCrossed(AllocationId allocationId, UsageThreshold threshold, GpuSeconds netConsumed,
                                    GpuSeconds entitlement) {
}
