package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;
import eu.gpuledger.ledger.rate.RatePerHour;
import eu.gpuledger.ledger.rate.RateUnit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statement rounding (docs/statements.md): lines to the cent half-even, totals the sums of printed lines. */
class StatementRoundingTest {

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void a_half_cent_goes_to_the_even_cent() {
        assertThat(StatementRounding.lineAmount(eur("0.125"))).isEqualTo(eur("0.12"));
        assertThat(StatementRounding.lineAmount(eur("0.135"))).isEqualTo(eur("0.14"));
        assertThat(StatementRounding.lineAmount(eur("0.1251"))).isEqualTo(eur("0.13"));
        assertThat(StatementRounding.lineAmount(eur("2"))).isEqualTo(eur("2.00"));
    }

    @Test
    void a_total_is_the_sum_of_the_lines_as_printed_not_the_rounded_sum_of_exact_amounts() {
        List<BigDecimal> exact = List.of(eur("0.004"), eur("0.004"), eur("0.004"));
        List<BigDecimal> printed = exact.stream().map(StatementRounding::lineAmount).toList();

        assertThat(StatementRounding.total(printed)).isEqualTo(eur("0.00"));
        assertThat(exact.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, StatementRounding.LINE_ROUNDING))
                .as("what rounding the exact sum once would print instead").isEqualTo(eur("0.01"));
    }

    @Test
    void a_total_adds_only_lines_in_cents() {
        assertThatThrownBy(() -> StatementRounding.total(List.of(eur("0.004"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_line_is_its_exact_hours_at_the_rate_rounded_once() {
        RatePerHour perGpuHour = new RatePerHour(RateUnit.GPU_HOUR, eur("1.15"));
        GpuSeconds tenMinutes = GpuSeconds.of(600);
        // 600 s at 1.15 EUR/h is 0.191666... EUR: exact to 12 places, 0.19 printed
        BigDecimal exact = perGpuHour.valueOf(tenMinutes, NormalisedGpuSeconds.ZERO);
        assertThat(exact).isEqualByComparingTo("0.191666666667");
        assertThat(StatementRounding.lineAmount(exact)).isEqualTo(eur("0.19"));
    }

    @Test
    void a_rate_per_normalised_hour_prices_the_normalised_hours_carried_exactly() {
        RatePerHour perNormalisedHour = new RatePerHour(RateUnit.NORMALISED_GPU_HOUR, eur("0.50"));
        GpuSeconds oneHour = GpuSeconds.ofHours(1);
        NormalisedGpuSeconds normalised = NormalisationFactor.of("2.5").normalise(oneHour);

        assertThat(perNormalisedHour.valueOf(oneHour, normalised)).isEqualByComparingTo("1.25");
        assertThat(normalised.hoursForDisplay()).as("shown to 2 places").isEqualTo(eur("2.50"));
    }
}
