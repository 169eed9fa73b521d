package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

/** A transfer between two allocations was asked for, with its conversion fixed at request time. */
@Revision("1")
public record TransferRequested(TransferId transferId, AllocationId fromAllocationId, AllocationId toAllocationId,
                                GpuSeconds debit, GpuSeconds credit, TransferConversion conversion, String reason) {
}
