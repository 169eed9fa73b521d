package eu.gpuledger.ledger.usage.charging;

import eu.gpuledger.ledger.quantity.GpuSeconds;

/**
 * What one job costs and why.
 *
 * @param rule        the rule that decided the charged GPUs
 * @param chargedGpus GPUs the job is charged for (0 on an uncharged pool)
 * @param gpuSeconds  the charge, exact: charged GPUs × elapsed seconds
 */
public record ChargeDecision(ChargingRule rule, int chargedGpus, GpuSeconds gpuSeconds) {

    public ChargeDecision {
        if (chargedGpus < 0) {
            throw new IllegalArgumentException("chargedGpus must not be negative, got " + chargedGpus);
        }
        if (gpuSeconds.isNegative()) {
            throw new IllegalArgumentException("gpuSeconds must not be negative, got " + gpuSeconds);
        }
    }

    /** Whether the job costs anything; false for an uncharged pool. */
    public boolean isCharged() {
        return rule != ChargingRule.UNCHARGED_POOL;
    }
}
