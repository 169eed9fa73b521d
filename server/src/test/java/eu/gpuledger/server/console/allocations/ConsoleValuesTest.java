package eu.gpuledger.server.console.allocations;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** A form's text as the API reads it: nothing checked, only written as JSON; what does not read is passed as typed. */
class ConsoleValuesTest {

    @Test
    void a_day_from_a_date_field_is_its_first_instant_in_utc_and_anything_else_is_passed_as_typed() {
        assertThat(ConsoleValues.instant("2026-10-01")).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(ConsoleValues.instant(" 2026-10-01T12:00:00Z ")).isEqualTo("2026-10-01T12:00:00Z");
        assertThat(ConsoleValues.instant("yesterday")).isEqualTo("yesterday");
        assertThat(ConsoleValues.instant("  ")).isNull();
    }

    @Test
    void a_number_is_a_json_number_with_a_french_decimal_comma_read_and_text_is_left_for_the_api_to_refuse() {
        assertThat(ConsoleValues.number("12,5")).isEqualTo(new BigDecimal("12.5"));
        assertThat(ConsoleValues.number("100")).isEqualTo(new BigDecimal("100"));
        assertThat(ConsoleValues.number("ten")).isEqualTo("ten");
        assertThat(ConsoleValues.number("")).isNull();
        assertThat(ConsoleValues.wholeNumber("3600")).isEqualTo(3600L);
        assertThat(ConsoleValues.wholeNumber("1.5")).isEqualTo("1.5");
    }

    @Test
    void an_id_is_one_segment_of_a_path() {
        assertThat(ConsoleValues.segment("a/b c")).isEqualTo("a%2Fb%20c");
    }
}
