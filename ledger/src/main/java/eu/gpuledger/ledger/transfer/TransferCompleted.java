package eu.gpuledger.ledger.transfer;

import org.axonframework.serialization.Revision;

/** Both sides of a transfer were booked. */
@Revision("1")
public record TransferCompleted(TransferId transferId) {
}
