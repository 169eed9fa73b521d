package eu.gpuledger.projections.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A sum of the EUR values of charges at their prices, each value exactly as {@link PricePerGpuHour#valueOf} gives it
 * (rounded half up to {@value #SCALE} decimals per charge, then stripped of trailing zeros), and the sum equal in
 * value and scale to adding those values to {@link BigDecimal#ZERO}. Each value is computed as a whole number of
 * 10⁻¹⁰ EUR in {@code long} arithmetic; a value or sum too large for that is added as a {@link BigDecimal}.
 */
final class EurSum {

    /** The decimals {@link PricePerGpuHour#valueOf} rounds to. */
    static final int SCALE = 10;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** The last price added and what the whole-number arithmetic needs of it: a day's charges share a price. */
    private PricePerGpuHour lastPrice;
    private long lastUnscaled;
    private int lastShift = -1;

    private long units;
    /** The largest scale of an added value once stripped of trailing zeros, at least the zero's. */
    private int scale;
    private BigDecimal beyond = BigDecimal.ZERO;

    /** Adds the value of {@code amount} at {@code price}; nothing when the charge had no price. */
    void add(GpuSeconds amount, PricePerGpuHour price) {
        if (price == null) {
            return;
        }
        if (price != lastPrice) {
            BigDecimal perHour = price.eurPerGpuHour();
            int shift = SCALE - perHour.scale();
            boolean whole = shift >= 0 && shift < POWERS_OF_TEN.length && perHour.precision() < 19;
            lastPrice = price;
            lastShift = whole ? shift : -1;
            lastUnscaled = whole ? perHour.unscaledValue().longValue() : 0;
        }
        if (lastShift >= 0) {
            try {
                long tenBillionthsTimesHour = Math.multiplyExact(Math.multiplyExact(amount.value(), lastUnscaled),
                        POWERS_OF_TEN[lastShift]);
                long value = roundHalfUp(tenBillionthsTimesHour, GpuSeconds.SECONDS_PER_HOUR);
                units = Math.addExact(units, value);
                scale = Math.max(scale, strippedScale(value));
                return;
            } catch (ArithmeticException tooLarge) {
                // added exactly below
            }
        }
        beyond = beyond.add(price.valueOf(amount).amount());
    }

    BigDecimal value() {
        return BigDecimal.valueOf(units, SCALE).setScale(scale, RoundingMode.UNNECESSARY).add(beyond);
    }

    /** {@code numerator / divisor} rounded half away from zero, as {@link RoundingMode#HALF_UP} does. */
    private static long roundHalfUp(long numerator, long divisor) {
        long quotient = numerator / divisor;
        long remainder = Math.abs(numerator % divisor);
        return remainder * 2 >= divisor ? quotient + Long.signum(numerator) : quotient;
    }

    /** The scale of {@code units × 10⁻¹⁰} stripped of trailing zeros, or 0 when it is smaller. */
    private static int strippedScale(long units) {
        if (units == 0) {
            return 0;
        }
        int scale = SCALE;
        while (scale > 0 && units % 10 == 0) {
            units /= 10;
            scale--;
        }
        return scale;
    }
}
