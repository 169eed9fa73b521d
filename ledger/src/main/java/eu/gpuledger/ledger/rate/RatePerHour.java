package eu.gpuledger.ledger.rate;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * EUR per hour of a {@link RateUnit}, exact. Trailing zeros are dropped so that "1.50" and "1.5" are the same rate
 * (a replay of the same content must compare equal: {@code BigDecimal.equals} compares scales too).
 */
public record RatePerHour(RateUnit unit, BigDecimal eurPerHour) {

    public RatePerHour {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(eurPerHour, "eurPerHour");
        if (eurPerHour.signum() < 0) {
            throw new IllegalArgumentException("a rate cannot be negative, got " + eurPerHour);
        }
        eurPerHour = eurPerHour.signum() == 0 ? BigDecimal.ZERO : eurPerHour.stripTrailingZeros();
    }

    /**
     * The exact value of a charge at this rate, every digit kept (docs/statements.md, rounding): its GPU-hours, or
     * its normalised GPU-hours for a rate of that unit, times the rate. Seconds over 3600 are not always a finite
     * decimal (3600 has the factor 9), so the quotient keeps {@link #EXACT_DECIMALS} places, far more than a cent
     * needs; it is rounded to cents once, per line ({@code StatementRounding}).
     */
    public BigDecimal valueOf(GpuSeconds gpuSeconds, NormalisedGpuSeconds normalised) {
        BigDecimal seconds = switch (unit) {
            case GPU_HOUR -> BigDecimal.valueOf(gpuSeconds.value());
            case NORMALISED_GPU_HOUR -> normalised.value();
        };
        return seconds.multiply(eurPerHour)
                .divide(BigDecimal.valueOf(GpuSeconds.SECONDS_PER_HOUR), EXACT_DECIMALS, RoundingMode.HALF_EVEN);
    }

    /** Decimal places an unrounded amount keeps: far below a cent's thousandth, so the cent is never in doubt. */
    public static final int EXACT_DECIMALS = 12;
}
