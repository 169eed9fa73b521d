package eu.gpuledger.reports.statement;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The canonical form a statement's hash is of: the same content gives the same bytes, however it was built. */
class CanonicalJsonTest {

    @Test
    void keys_are_sorted_and_nothing_but_the_values_is_written() {
        Map<String, Object> built = new LinkedHashMap<>();
        built.put("to", "2026-11-01T00:00:00Z");
        built.put("allocations", List.of(Map.of("gpuSeconds", 7200L, "gpuHours", "2.00")));
        built.put("funder", "GENCI");
        built.put("projectId", null);

        assertThat(CanonicalJson.text(built)).isEqualTo("{\"allocations\":[{\"gpuHours\":\"2.00\",\"gpuSeconds\":7200}],"
                + "\"funder\":\"GENCI\",\"projectId\":null,\"to\":\"2026-11-01T00:00:00Z\"}");
    }

    @Test
    void the_same_content_built_in_another_order_has_the_same_bytes_and_hash() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("a", 1);
        one.put("b", "x");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("b", "x");
        other.put("a", 1);

        assertThat(CanonicalJson.bytes(one)).isEqualTo(CanonicalJson.bytes(other));
        assertThat(CanonicalJson.sha256(CanonicalJson.bytes(one)))
                .isEqualTo(CanonicalJson.sha256(CanonicalJson.bytes(other)))
                .hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void text_is_escaped_as_rfc_8785_says_and_written_in_utf_8() {
        assertThat(CanonicalJson.text(Map.of("reason", "Météo \"France\"\n\u0001")))
                .isEqualTo("{\"reason\":\"Météo \\\"France\\\"\\n\\u0001\"}");
        assertThat(CanonicalJson.bytes("é")).isEqualTo("\"é\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_decimal_number_has_no_canonical_form_here_money_and_hours_are_text() {
        assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("eur", new BigDecimal("1.50"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimals as text");
        assertThatThrownBy(() -> CanonicalJson.bytes(Arrays.asList(1.5d)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_sha_256_of_known_bytes_is_the_known_digest() {
        assertThat(CanonicalJson.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
