package eu.gpuledger.ledger.usage;

/** Why a well-formed usage line costs nothing (DOMAIN.md rules 3 and 4). */
public enum IgnoredReason {
    /** A Slurm step record (.batch, .extern, .0): its job's main record carries the charge. */
    STEP,
    /** A job still pending, running, suspended or requeued: it will come again once final. */
    NOT_FINAL,
    /** A job that never started (elapsed 0): nothing was used. */
    ZERO_ELAPSED,
    /** A job on a pool that is never charged (pre/post-processing, visualisation, compilation...). */
    UNCHARGED_POOL
}
