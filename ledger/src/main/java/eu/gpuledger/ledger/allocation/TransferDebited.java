package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.serialization.Revision;

/** The source side of a transfer: hours left this allocation for another. */
@Revision("1")
public record TransferDebited(AllocationId allocationId, TransferId transferId, AllocationId toAllocationId,
                              GpuSeconds gpuSeconds) implements AllocationMovement {
}
