package eu.gpuledger.ledger.project;

/** The audience categories that funders report on. */
public enum Audience {
    ACADEMIC,
    STARTUP_SME,
    LARGE_COMPANY,
    PUBLIC_SERVICE
}
