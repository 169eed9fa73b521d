package eu.gpuledger.ledger.transfer;

/** Where a transfer stands; a settled transfer (completed or rejected) never changes again. */
public enum TransferState {
    PENDING,
    COMPLETED,
    REJECTED
}
