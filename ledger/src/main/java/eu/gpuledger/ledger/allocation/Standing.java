package eu.gpuledger.ledger.allocation;

/**
 * Where net consumption stands against the over-consumption policy (DOMAIN.md rule 5).
 * Independent of suspension and expiry, which are decisions, not consumption.
 */
public enum Standing {
    /** At most 100% of the entitlement used. */
    WITHIN_GRANT,
    /** Above 100%: jobs still run, at low priority. */
    LOW_PRIORITY,
    /** Above the effective allocation (100% + overConsumptionPercent): the project is blocked. */
    BLOCKED
}
