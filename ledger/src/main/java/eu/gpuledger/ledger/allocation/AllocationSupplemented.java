package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

/** Extra hours were added to an allocation; its end date did not move. */
@Revision("1")
public record AllocationSupplemented(AllocationId allocationId, SupplementId supplementId, GpuSeconds gpuSeconds,
                                     String reason) implements AllocationMovement {
}
