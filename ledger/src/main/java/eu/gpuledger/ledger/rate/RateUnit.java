package eu.gpuledger.ledger.rate;

/**
 * What a rate prices: a GPU-hour of the pool as the scheduler counted it, or a normalised GPU-hour (the hour times
 * the pool's normalisation factor in force at the charge's effective time, DOMAIN.md rule 8). A funder that pays
 * for every generation alike in normalised hours says so once, on its rate, rather than in every statement.
 */
public enum RateUnit {
    GPU_HOUR,
    NORMALISED_GPU_HOUR
}
