package eu.gpuledger.ledger.quantity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The ledger's unit: an exact, signed whole number of GPU-seconds.
 * Signed because a balance may run below zero (over-consumption up to the effective allocation);
 * commands check that the amounts they carry are positive.
 */
public record GpuSeconds(long value) implements Comparable<GpuSeconds> {

    public static final GpuSeconds ZERO = new GpuSeconds(0);
    public static final long SECONDS_PER_HOUR = 3600;

    @JsonCreator
    public static GpuSeconds of(long value) {
        return value == 0 ? ZERO : new GpuSeconds(value);
    }

    public static GpuSeconds ofHours(long hours) {
        return of(Math.multiplyExact(hours, SECONDS_PER_HOUR));
    }

    /**
     * GPU-hours given as a decimal, accepted only when they are a whole number of GPU-seconds.
     *
     * @throws InexactQuantityException when the hours are not a whole number of seconds
     */
    public static GpuSeconds ofHours(BigDecimal hours) {
        BigDecimal seconds = hours.multiply(BigDecimal.valueOf(SECONDS_PER_HOUR));
        try {
            return of(seconds.longValueExact());
        } catch (ArithmeticException notWhole) {
            throw new InexactQuantityException(hours + " GPU-hours is not a whole number of GPU-seconds");
        }
    }

    @JsonValue
    @Override
    public long value() {
        return value;
    }

    /** GPU-hours for people: rounded half up to 2 places. Never used for arithmetic. */
    public BigDecimal hoursForDisplay() {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(SECONDS_PER_HOUR), 2, RoundingMode.HALF_UP);
    }


    public GpuSeconds plus(GpuSeconds other) {
        return of(Math.addExact(value, other.value));
    }

    public GpuSeconds minus(GpuSeconds other) {
        return of(Math.subtractExact(value, other.value));
    }

    public GpuSeconds times(long factor) {
        return of(Math.multiplyExact(value, factor));
    }

    public GpuSeconds negate() {
        return of(Math.negateExact(value));
    }

    public boolean isPositive() {
        return value > 0;
    }

    public boolean isNegative() {
        return value < 0;
    }

    public boolean isZero() {
        return value == 0;
    }

    public boolean isGreaterThan(GpuSeconds other) {
        return value > other.value;
    }

    public boolean isLessThan(GpuSeconds other) {
        return value < other.value;
    }

    public static GpuSeconds min(GpuSeconds a, GpuSeconds b) {
        return a.value <= b.value ? a : b;
    }

    public static GpuSeconds max(GpuSeconds a, GpuSeconds b) {
        return a.value >= b.value ? a : b;
    }

    @Override
    public int compareTo(GpuSeconds other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value + " GPU-s";
    }
}
