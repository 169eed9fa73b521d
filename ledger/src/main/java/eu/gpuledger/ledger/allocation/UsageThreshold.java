package eu.gpuledger.ledger.allocation;

/** Thresholds that produce a notice each time consumption crosses them upwards. */
public enum UsageThreshold {
    PERCENT_80,
    PERCENT_100,
    EFFECTIVE_LIMIT
}
