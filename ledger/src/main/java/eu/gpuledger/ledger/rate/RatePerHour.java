package eu.gpuledger.ledger.rate;

import java.math.BigDecimal;
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
}
