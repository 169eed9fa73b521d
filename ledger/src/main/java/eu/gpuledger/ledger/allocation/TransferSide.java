package eu.gpuledger.ledger.allocation;

/** What an allocation booked of one transfer, as {@code TransferHandler} asks before it books what is missing. */
public enum TransferSide {
    /** Nothing: the allocation is not part of the transfer, or the transfer has not moved its hours yet. */
    NONE,
    /** The source side: its hours left for the other allocation. */
    DEBITED,
    /** The source side, given back by an earlier version's saga when the credit failed. */
    DEBIT_GIVEN_BACK,
    /** The target side: the converted hours arrived. */
    CREDITED
}
