package eu.gpuledger.ledger.quantity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.Objects;

/** A price in EUR per GPU-hour of a pool. Exact decimal. */
public record PricePerGpuHour(BigDecimal eurPerGpuHour) {

    public PricePerGpuHour {
        Objects.requireNonNull(eurPerGpuHour, "eurPerGpuHour");
        if (eurPerGpuHour.signum() < 0) {
            throw new IllegalArgumentException("a price cannot be negative, got " + eurPerGpuHour);
        }
        eurPerGpuHour = eurPerGpuHour.stripTrailingZeros();
    }

    @JsonCreator
    public static PricePerGpuHour of(String eurPerGpuHour) {
        return new PricePerGpuHour(new BigDecimal(eurPerGpuHour));
    }

    @JsonValue
    public String asText() {
        return eurPerGpuHour.toPlainString();
    }

    /** The exact value of the given GPU-seconds at this price (not rounded to cents). */
    public Eur valueOf(GpuSeconds gpuSeconds) {
        return Eur.of(BigDecimal.valueOf(gpuSeconds.value()).multiply(eurPerGpuHour)
                .divide(BigDecimal.valueOf(GpuSeconds.SECONDS_PER_HOUR), 10, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros());
    }
}
