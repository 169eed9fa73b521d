package eu.gpuledger.ledger.quantity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Normalised GPU-hours per GPU-hour of a pool (IDRIS: V100 = 1, A100 = 2). An exact decimal, never a double,
 * so that converting through it is reproducible years later.
 */
public record NormalisationFactor(BigDecimal normalisedPerGpuHour) {

    public NormalisationFactor {
        Objects.requireNonNull(normalisedPerGpuHour, "normalisedPerGpuHour");
        if (normalisedPerGpuHour.signum() <= 0) {
            throw new IllegalArgumentException("a normalisation factor must be positive, got " + normalisedPerGpuHour);
        }
        normalisedPerGpuHour = normalisedPerGpuHour.stripTrailingZeros();
    }

    @JsonCreator
    public static NormalisationFactor of(BigDecimal normalisedPerGpuHour) {
        return new NormalisationFactor(normalisedPerGpuHour);
    }

    public static NormalisationFactor of(String normalisedPerGpuHour) {
        return new NormalisationFactor(new BigDecimal(normalisedPerGpuHour));
    }

    @JsonValue
    @Override
    public BigDecimal normalisedPerGpuHour() {
        return normalisedPerGpuHour;
    }

    /** Exact normalised GPU-seconds for the given GPU-seconds. */
    public NormalisedGpuSeconds normalise(GpuSeconds gpuSeconds) {
        return new NormalisedGpuSeconds(BigDecimal.valueOf(gpuSeconds.value()).multiply(normalisedPerGpuHour));
    }

    @Override
    public String toString() {
        return normalisedPerGpuHour.toPlainString();
    }
}
