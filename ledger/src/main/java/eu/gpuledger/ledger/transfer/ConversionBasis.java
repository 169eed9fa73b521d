package eu.gpuledger.ledger.transfer;

/** How hours of one pool were turned into hours of another. */
public enum ConversionBasis {
    /** Same pool: one for one. */
    SAME_POOL,
    /** Through the normalisation factors in force on both pools. */
    NORMALISATION,
    /** Through the prices in force on both pools (private providers). */
    PRICE
}
