package eu.gpuledger.server.web;

import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.InexactQuantityException;
import eu.gpuledger.ledger.refusal.InvalidInput;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parsing of request fields into the ledger's types, with errors that name the field. Every text has a length
 * and every number a range, from {@link LedgerLimits} (docs/bounds.md): a value past its bound is a 400 that names
 * the field and the bound, and never reaches an event.
 */
public final class Inputs {

    private static final BigDecimal ALLOCATION_GPU_HOURS_MAX = BigDecimal.valueOf(LedgerLimits.ALLOCATION_GPU_HOURS_MAX);

    private Inputs() {
    }

    /**
     * GPU-hours of one movement (a grant, supplement, claw-back or transfer): a whole number of GPU-seconds, at
     * most {@link LedgerLimits#ALLOCATION_GPU_HOURS_MAX}. Zero and negative amounts are the command's to refuse.
     */
    public static GpuSeconds hours(BigDecimal gpuHours, String field) {
        InvalidInput.requirePresent(gpuHours, field);
        if (gpuHours.compareTo(ALLOCATION_GPU_HOURS_MAX) > 0) {
            throw new InvalidInput(field, "must be at most " + LedgerLimits.ALLOCATION_GPU_HOURS_MAX
                    + " GPU-hours (the largest allocation), got " + LedgerLimits.shown(gpuHours.toString()));
        }
        if (gpuHours.stripTrailingZeros().scale() > LedgerLimits.GPU_HOURS_DECIMALS_MAX) {
            throw new InvalidInput(field, "must be a whole number of GPU-seconds, got "
                    + LedgerLimits.shown(gpuHours.toString()) + " GPU-hours");
        }
        try {
            return GpuSeconds.ofHours(gpuHours);
        } catch (InexactQuantityException inexact) {
            throw new InvalidInput(field, "must be a whole number of GPU-seconds: " + inexact.getMessage());
        }
    }

    /** An ISO-8601 instant in [2000-01-01T00:00:00Z, 2100-01-01T00:00:00Z). */
    public static Instant instant(String value, String field) {
        InvalidInput.requireText(value, field);
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException unparseable) {
            throw new InvalidInput(field, "must be an ISO-8601 instant in UTC such as 2026-10-01T00:00:00Z, got '"
                    + LedgerLimits.shown(value) + "'");
        }
        if (!LedgerLimits.withinTime(instant)) {
            throw new InvalidInput(field, "must be in [" + LedgerLimits.INSTANT_MIN + ", " + LedgerLimits.INSTANT_END
                    + "), got " + instant);
        }
        return instant;
    }

    /** A required text of at most {@code charsMax} characters. */
    public static String text(String value, String field, int charsMax) {
        InvalidInput.requireText(value, field);
        return bounded(value, field, charsMax);
    }

    /** An optional text (null when absent or blank) of at most {@code charsMax} characters. */
    public static String optionalText(String value, String field, int charsMax) {
        return value == null || value.isBlank() ? null : bounded(value, field, charsMax);
    }

    /** A required reason, at most {@link LedgerLimits#REASON_CHARS_MAX} characters. */
    public static String reason(String value, String field) {
        return text(value, field, LedgerLimits.REASON_CHARS_MAX);
    }

    /** An optional reason, at most {@link LedgerLimits#REASON_CHARS_MAX} characters; kept as given when present. */
    public static String optionalReason(String value, String field) {
        return value == null ? null : bounded(value, field, LedgerLimits.REASON_CHARS_MAX);
    }

    private static String bounded(String value, String field, int charsMax) {
        if (value.length() > charsMax) {
            throw new InvalidInput(field, "must be at most " + charsMax + " characters, got " + value.length());
        }
        return value;
    }

    /** A required whole number in [{@code min}, {@code max}]. */
    public static long wholeNumber(Number value, String field, long min, long max) {
        InvalidInput.requirePresent(value, field);
        long number = value.longValue();
        if (number < min || number > max) {
            throw new InvalidInput(field, "must be in [" + min + ", " + max + "], got " + number);
        }
        return number;
    }

    /**
     * A required decimal in ({@code 0}, {@code max}] (or [0, max] when {@code zeroAllowed}) with at most
     * {@code decimalsMax} decimal places.
     */
    public static BigDecimal decimal(BigDecimal value, String field, boolean zeroAllowed, long max, int decimalsMax) {
        InvalidInput.requirePresent(value, field);
        if (value.signum() < 0 || !zeroAllowed && value.signum() == 0) {
            throw new InvalidInput(field, (zeroAllowed ? "cannot be negative" : "must be positive") + ", got "
                    + LedgerLimits.shown(value.toString()));
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidInput(field, "must be at most " + max + ", got " + LedgerLimits.shown(value.toString()));
        }
        if (value.stripTrailingZeros().scale() > decimalsMax) {
            throw new InvalidInput(field, "must have at most " + decimalsMax + " decimal places, got "
                    + LedgerLimits.shown(value.toString()));
        }
        return value;
    }

    public static Instant optionalInstant(String value, String field) {
        return value == null || value.isBlank() ? null : instant(value, field);
    }

    public static YearMonth month(String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException unparseable) {
            throw new InvalidInput(field, "must be a month such as 2026-10, got '" + LedgerLimits.shown(value) + "'");
        }
    }

    public static ZoneId zone(String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return ZoneId.of(value);
        } catch (RuntimeException unknown) {
            throw new InvalidInput(field, "must be an IANA time zone such as Europe/Paris, got '"
                    + LedgerLimits.shown(value) + "'");
        }
    }

    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInput(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", got '" + LedgerLimits.shown(value) + "'");
        }
    }

    public static BigDecimal decimal(String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new InvalidInput(field, "must be a decimal number, got '" + LedgerLimits.shown(value) + "'");
        }
    }
}
