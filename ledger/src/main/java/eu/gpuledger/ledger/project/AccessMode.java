package eu.gpuledger.ledger.project;

/** How a project obtained its hours: GENCI's calls, EuroHPC's access modes, or paid access. */
public enum AccessMode {
    /** GENCI Accès Dynamique: up to 50,000 normalised GPU-hours, any time, one year. */
    GENCI_DYNAMIC,
    /** GENCI Accès Régulier: two calls a year. */
    GENCI_REGULAR,
    EUROHPC_EXTREME_SCALE,
    EUROHPC_REGULAR,
    EUROHPC_BENCHMARK,
    EUROHPC_DEVELOPMENT,
    EUROHPC_AI_FACTORY,
    /** Paid access on a private provider. */
    PAID
}
