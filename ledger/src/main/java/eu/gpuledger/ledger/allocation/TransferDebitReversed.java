package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A debit whose credit could not be made was given back to the source allocation. Written by the transfer saga of
 * earlier versions, and by the settling of a transfer such a saga left pending (docs/transfers.md); a transfer made
 * now books both sides in one unit of work and never needs it.
 */
@Revision("1")
public record TransferDebitReversed(AllocationId allocationId, TransferId transferId, GpuSeconds gpuSeconds,
                                    String reason) implements AllocationMovement {
}
