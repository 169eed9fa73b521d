package eu.gpuledger.ledger.allocation;

/** The state shown in the balance view and used by quota hooks, in order of precedence: expired, suspended, standing. */
public enum AllocationState {
    ACTIVE,
    LOW_PRIORITY,
    BLOCKED,
    SUSPENDED,
    EXPIRED;

    /**
     * The one mapping to the state, for the aggregate and every read model: expiry and suspension are decisions and
     * come first, then where net consumption stands.
     */
    public static AllocationState of(boolean expired, boolean suspended, Standing standing) {
        if (expired) {
            return EXPIRED;
        }
        if (suspended) {
            return SUSPENDED;
        }
        return switch (standing) {
            case WITHIN_GRANT -> ACTIVE;
            case LOW_PRIORITY -> LOW_PRIORITY;
            case BLOCKED -> BLOCKED;
        };
    }
}
