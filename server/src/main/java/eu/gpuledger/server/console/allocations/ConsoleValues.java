package eu.gpuledger.server.console.allocations;

import org.springframework.web.util.UriUtils;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a form's text becomes in the API's JSON: nothing is checked here (the API checks every field and its refusal
 * is shown), only written as the API reads it: a number as a JSON number, a day from a date field as its first
 * instant in UTC (the ledger's periods are instants; the console shows and takes days).
 */
final class ConsoleValues {

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private ConsoleValues() {
    }

    /** A decimal as a JSON number when it reads as one, else the text as typed, for the API to refuse in its words. */
    static Object number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    /** A whole number as a JSON number when it reads as one, else the text as typed. */
    static Object wholeNumber(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    /** A date field's {@code 2026-10-01} as {@code 2026-10-01T00:00:00Z}; anything else as typed. */
    static String instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        return DAY.matcher(text).matches() ? text + "T00:00:00Z" : text;
    }

    /** An id as one segment of a console path. */
    static String segment(String id) {
        return UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }
}
