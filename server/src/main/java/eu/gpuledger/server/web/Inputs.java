package eu.gpuledger.server.web;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.InexactQuantityException;
import eu.gpuledger.ledger.refusal.InvalidInput;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsing of request fields into the ledger's types, with errors that name the field. */
public final class Inputs {

    private Inputs() {
    }

    public static GpuSeconds hours(BigDecimal gpuHours, String field) {
        InvalidInput.requirePresent(gpuHours, field);
        try {
            return GpuSeconds.ofHours(gpuHours);
        } catch (InexactQuantityException inexact) {
            throw new InvalidInput(field, "must be a whole number of GPU-seconds: " + inexact.getMessage());
        }
    }

    public static Instant instant(String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException unparseable) {
            throw new InvalidInput(field, "must be an ISO-8601 instant in UTC such as 2026-10-01T00:00:00Z, got '" + value + "'");
        }
    }

    public static Instant optionalInstant(String value, String field) {
        return value == null || value.isBlank() ? null : instant(value, field);
    }

    public static YearMonth month(String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException unparseable) {
            throw new InvalidInput(field, "must be a month such as 2026-10, got '" + value + "'");
        }
    }

    public static ZoneId zone(String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return ZoneId.of(value);
        } catch (RuntimeException unknown) {
            throw new InvalidInput(field, "must be an IANA time zone such as Europe/Paris, got '" + value + "'");
        }
    }

    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInput(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", got '" + value + "'");
        }
    }

    public static BigDecimal positiveDecimal(BigDecimal value, String field) {
        InvalidInput.requirePresent(value, field);
        if (value.signum() <= 0) {
            throw new InvalidInput(field, "must be positive, got " + value.toPlainString());
        }
        return value;
    }

    public static BigDecimal decimal(String value, String field) {
        InvalidInput.requireText(value, field);
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new InvalidInput(field, "must be a decimal number, got '" + value + "'");
        }
    }
}
