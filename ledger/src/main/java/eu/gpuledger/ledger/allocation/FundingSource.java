package eu.gpuledger.ledger.allocation;

/** Who pays for an allocation's hours. */
public enum FundingSource {
    GENCI,
    EUROHPC_JU,
    PRIVATE_CONTRACT
}
