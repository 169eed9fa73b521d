package eu.gpuledger.ledger.allocation;

/** The state shown in the balance view and used by quota hooks, in order of precedence: expired, suspended, standing. */
public enum AllocationState {
    ACTIVE,
    LOW_PRIORITY,
    BLOCKED,
    SUSPENDED,
    EXPIRED
}
