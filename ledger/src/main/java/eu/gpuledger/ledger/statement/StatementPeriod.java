package eu.gpuledger.ledger.statement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a statement covers: a month ({@code 2026-10}) or a quarter ({@code 2026-Q4}), half-open
 * [{@link #from()}, {@link #to()}) in UTC, as every period of the API. Stored as its text, which says both.
 */
public record StatementPeriod(YearMonth firstMonth, int months) {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    public StatementPeriod {
        Objects.requireNonNull(firstMonth, "firstMonth");
        if (months != 1 && months != 3) {
            throw new IllegalArgumentException("a statement covers a month or a quarter, not " + months + " months");
        }
        if (months == 3 && (firstMonth.getMonthValue() - 1) % 3 != 0) {
            throw new IllegalArgumentException("a quarter starts in January, April, July or October");
        }
    }

    /** The period written {@code 2026-10} or {@code 2026-Q4}. */
    @JsonCreator
    public static StatementPeriod parse(String text) {
        Objects.requireNonNull(text, "period");
        Matcher quarter = QUARTER.matcher(text);
        if (quarter.matches()) {
            int year = Integer.parseInt(quarter.group(1));
            int number = Integer.parseInt(quarter.group(2));
            return new StatementPeriod(YearMonth.of(year, 3 * (number - 1) + 1), 3);
        }
        Matcher month = MONTH.matcher(text);
        if (month.matches()) {
            return new StatementPeriod(YearMonth.of(Integer.parseInt(month.group(1)),
                    Integer.parseInt(month.group(2))), 1);
        }
        throw new IllegalArgumentException("a period is a month such as 2026-10 or a quarter such as 2026-Q4, got '"
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
    }

    public Instant from() {
        return firstMonth.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Instant to() {
        return firstMonth.plusMonths(months).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @JsonValue
    public String text() {
        return months == 1 ? firstMonth.toString()
                : firstMonth.getYear() + "-Q" + ((firstMonth.getMonthValue() - 1) / 3 + 1);
    }

    @Override
    public String toString() {
        return text();
    }
}
