package eu.gpuledger.reports.statement;

import eu.gpuledger.ledger.rate.RatePerHour;
import eu.gpuledger.ledger.rate.RateUnit;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.statement.StatementRounding;
import eu.gpuledger.reports.statement.BillingContent.BillingLine;
import eu.gpuledger.reports.statement.BillingContent.RateVersion;
import eu.gpuledger.reports.statement.BillingContent.Totals;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A billing statement's totals (docs/statements.md, rounding): each line's amount is its exact value rounded once to
 * the cent half-even, and the total is the sum of the lines as printed, so that a funder adding them finds it.
 */
class BillingTotalsTest {

    /** 0.25 EUR per GPU-hour for half an hour: 0.125 EUR exactly, a half cent. */
    private static final RateVersion QUARTER_EURO = new RateVersion("r", Instant.EPOCH, RateUnit.GPU_HOUR,
            new BigDecimal("0.25"));

    private static BillingLine line(int number, long gpuSeconds) {
        BigDecimal exact = new RatePerHour(QUARTER_EURO.unit(), QUARTER_EURO.eurPerHour())
                .valueOf(GpuSeconds.of(gpuSeconds), null);
        return new BillingLine(number, "a" + number, "p", "PAID", "STARTUP_SME", "pool", QUARTER_EURO, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(1), gpuSeconds, null, exact, StatementRounding.lineAmount(exact), null);
    }

    @Test
    void a_half_cent_line_goes_to_the_even_cent_and_the_total_adds_the_printed_lines() {
        List<BillingLine> lines = List.of(line(1, 1800), line(2, 1800), line(3, 1800));

        Totals totals = BillingStatements.totals(lines, List.of());

        assertThat(lines.get(0).exactAmount()).isEqualByComparingTo("0.125");
        assertThat(lines.get(0).amount()).as("half-even: 0.125 goes to 0.12").isEqualTo(new BigDecimal("0.12"));
        assertThat(totals.amount()).as("0.12 × 3 as printed, not 0.375 rounded to 0.38")
                .isEqualTo(new BigDecimal("0.36"));
        assertThat(totals.gpuSeconds()).isEqualTo(5400);
    }

    @Test
    void the_amount_due_is_the_period_s_lines_plus_the_adjustments_each_as_printed() {
        Totals totals = BillingStatements.totals(List.of(line(1, 1800)), List.of(line(2, -1800), line(3, 3600)));

        assertThat(totals.linesAmount()).isEqualTo(new BigDecimal("0.12"));
        assertThat(totals.adjustmentsAmount()).as("-0.12 + 0.25").isEqualTo(new BigDecimal("0.13"));
        assertThat(totals.amount()).isEqualTo(new BigDecimal("0.25"));
        assertThat(totals.gpuSeconds()).as("the period's usage only").isEqualTo(1800);
    }
}
