package eu.gpuledger.server.web.report;

import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.server.web.Inputs;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A bound of a report's half-open period [from, to), written as an instant ({@code 2026-11-01T00:00:00Z}) or as a
 * month ({@code 2026-11}, as API.md writes months). A month as {@code from} is its first instant; as {@code to} it is
 * the end of that month, the first instant of the next, so that {@code from=2026-10&to=2026-12} is October to
 * December inclusive, and {@code from=2026-11&to=2026-11} is November.
 */
enum ReportBound {
    FROM("from"), TO("to");

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final String field;

    ReportBound(String field) {
        this.field = field;
    }

    /** @throws InvalidInput naming the parameter when {@code value} is neither an instant nor a month in range */
    Instant parse(String value) {
        InvalidInput.requireText(value, field);
        String text = value.strip();
        if (!MONTH.matcher(text).matches()) {
            try {
                Instant.parse(text);
            } catch (DateTimeParseException unparseable) {
                throw wrong(value);
            }
            return Inputs.instant(text, field); // within the ledger's times
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeParseException unparseable) {
            throw wrong(value);
        }
        Instant instant = (this == FROM ? month : month.plusMonths(1)).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        if (!LedgerLimits.withinTime(instant) && !(this == TO && instant.equals(LedgerLimits.INSTANT_END))) {
            throw new InvalidInput(field, "must be a month in [" + YearMonth.from(LedgerLimits.INSTANT_MIN
                    .atOffset(ZoneOffset.UTC)) + ", 2099-12], got " + text);
        }
        return instant;
    }

    private InvalidInput wrong(String value) {
        return new InvalidInput(field, "must be an ISO-8601 instant in UTC such as 2026-11-01T00:00:00Z or a month"
                + " such as 2026-11, got '" + LedgerLimits.shown(value) + "'");
    }
}
