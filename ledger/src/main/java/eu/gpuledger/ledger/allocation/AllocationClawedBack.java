package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

/** Unused hours were taken back from an under-consuming allocation after a warning. */
@Revision("1")
public record AllocationClawedBack(AllocationId allocationId, ClawbackId clawbackId, GpuSeconds gpuSeconds,
                                   String reason) implements AllocationMovement {
}
