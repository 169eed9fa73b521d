package eu.gpuledger.ledger.allocation;

import org.axonframework.serialization.Revision;

/** A suspension was lifted. */
@Revision("1")
public record AllocationResumed(AllocationId allocationId, String reason) {
}
