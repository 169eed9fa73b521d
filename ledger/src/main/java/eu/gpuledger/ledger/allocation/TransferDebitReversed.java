package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.serialization.Revision;

/** Compensation: a debit whose credit could not be made was given back to the source allocation. */
@Revision("1")
public record TransferDebitReversed(AllocationId allocationId, TransferId transferId, GpuSeconds gpuSeconds,
                                    String reason) {
}
