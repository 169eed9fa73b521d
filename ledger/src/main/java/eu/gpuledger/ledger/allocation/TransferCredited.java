package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.serialization.Revision;

/** The target side of a transfer: converted hours arrived from another allocation. */
@Revision("1")
public record TransferCredited(AllocationId allocationId, TransferId transferId, AllocationId fromAllocationId,
                               GpuSeconds gpuSeconds) implements AllocationMovement {
}
