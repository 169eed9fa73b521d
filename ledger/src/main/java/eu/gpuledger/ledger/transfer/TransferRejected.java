package eu.gpuledger.ledger.transfer;

import org.axonframework.serialization.Revision;

/** A transfer was refused, or failed and was compensated: no hours moved. */
@Revision("1")
public record TransferRejected(TransferId transferId, String reason) {
}
