package eu.gpuledger.ledger.allocation;

import org.axonframework.serialization.Revision;

/** The allocation was suspended by a decision of its centre: the quota hook denies new jobs. */
@Revision("1")
public record AllocationSuspended(AllocationId allocationId, String reason) {
}
