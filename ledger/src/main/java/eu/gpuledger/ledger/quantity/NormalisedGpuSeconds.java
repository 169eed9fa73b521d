package eu.gpuledger.ledger.quantity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** Normalised GPU-seconds: exact decimal (GPU-seconds times a decimal factor), the common currency across GPU generations. */
public record NormalisedGpuSeconds(BigDecimal value) implements Comparable<NormalisedGpuSeconds> {

    public static final NormalisedGpuSeconds ZERO = new NormalisedGpuSeconds(BigDecimal.ZERO);

    public NormalisedGpuSeconds {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static NormalisedGpuSeconds of(BigDecimal value) {
        return new NormalisedGpuSeconds(value);
    }

    @JsonValue
    @Override
    public BigDecimal value() {
        return value;
    }

    public NormalisedGpuSeconds plus(NormalisedGpuSeconds other) {
        return new NormalisedGpuSeconds(value.add(other.value));
    }

    public NormalisedGpuSeconds minus(NormalisedGpuSeconds other) {
        return new NormalisedGpuSeconds(value.subtract(other.value));
    }

    /** Normalised GPU-hours for people, rounded half up to 2 places. */
    public BigDecimal hoursForDisplay() {
        return value.divide(BigDecimal.valueOf(GpuSeconds.SECONDS_PER_HOUR), 2, RoundingMode.HALF_UP);
    }

    @Override
    public int compareTo(NormalisedGpuSeconds other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NormalisedGpuSeconds that && value.compareTo(that.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return value.toPlainString() + " normalised GPU-s";
    }
}
