package eu.gpuledger.server.console;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Numbers, GPU-hours, money and times as the person's language writes them ({@code ${@fmt.gpuHours(...)}} in the
 * templates): "1 234,5" in French, "1,234.5" in English. The API's values stay exact; only their display changes.
 * Times are shown in UTC, as the ledger keeps them, and say so.
 */
@Component("fmt")
public class ConsoleFormat {

    /** GPU-hours from the API's exact GPU-seconds, to 2 places. */
    public String gpuHours(Object gpuSeconds) {
        BigDecimal seconds = decimal(gpuSeconds);
        return seconds == null ? "" : number(seconds.divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_EVEN), 2);
    }

    /** A decimal as the API wrote it ({@code "1234.50"}, {@code 12.5}), with its places kept. */
    public String number(Object value) {
        BigDecimal decimal = decimal(value);
        return decimal == null ? "" : number(decimal, Math.max(0, decimal.scale()));
    }

    /** EUR from the API's decimal string, to 2 places with the currency. */
    public String eur(Object amount) {
        BigDecimal decimal = decimal(amount);
        if (decimal == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale());
        format.setCurrency(java.util.Currency.getInstance("EUR"));
        return format.format(decimal);
    }

    /** A percentage from a ratio's percent value ({@code 81.25} is "81.3 %"). */
    public String percent(Object value) {
        BigDecimal decimal = decimal(value);
        return decimal == null ? "" : number(decimal.setScale(1, RoundingMode.HALF_EVEN), 1) + "\u00a0%";
    }

    /** An ISO-8601 instant, as date and time in UTC. */
    public String dateTime(Object instant) {
        if (instant == null || instant.toString().isBlank()) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale())
                .withZone(ZoneOffset.UTC).format(Instant.parse(instant.toString())) + " UTC";
    }

    /** An ISO-8601 instant or date, as a date (in UTC for an instant). */
    public String date(Object value) {
        if (value == null || value.toString().isBlank()) {
            return "";
        }
        String text = value.toString();
        LocalDate date = text.length() == 10 ? LocalDate.parse(text)
                : LocalDate.ofInstant(Instant.parse(text), ZoneId.of("UTC"));
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
    }

    private static String number(BigDecimal value, int places) {
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(places);
        format.setMaximumFractionDigits(places);
        return format.format(value);
    }

    private static BigDecimal decimal(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
