package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;

import java.math.BigDecimal;

/**
 * A sum of normalised GPU-seconds (GPU-seconds times the factor each charge carries), exact, equal in value and scale
 * to adding each product to {@link BigDecimal#ZERO}. The factor of a pool changes rarely, so the seconds are added
 * as whole numbers while the factor stays the same, and multiplied once: {@code Σ(s × f) = (Σs) × f} exactly.
 */
final class NormalisedSum {

    private BigDecimal before = BigDecimal.ZERO;
    private NormalisationFactor factor;
    private long seconds;

    /** Adds {@code amount × factor}; nothing when the charge had no factor (a zero that changes no scale). */
    void add(GpuSeconds amount, NormalisationFactor with) {
        if (with == null) {
            return;
        }
        if (with != factor && !with.equals(factor)) {
            before = value();
            factor = with;
            seconds = 0;
        }
        seconds = Math.addExact(seconds, amount.value());
    }

    BigDecimal value() {
        return factor == null ? before : before.add(factor.normalise(GpuSeconds.of(seconds)).value());
    }
}
