package eu.gpuledger.ledger;

import eu.gpuledger.ledger.identity.Identifiers;
import eu.gpuledger.ledger.identity.InvalidIdentifierException;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    /** The rule as written in the API contract. */
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+-]*");

    @Test
    void an_identifier_is_letters_digits_and_a_few_marks_starting_with_a_letter_or_digit() {
        assertThat(Identifiers.require("jz-2026.a100:gpu@idris/x+1_y", "allocationId")).isNotNull();
        assertThatThrownBy(() -> Identifiers.require("-leading", "allocationId"))
                .isInstanceOf(InvalidIdentifierException.class).hasMessageContaining("allocationId");
        assertThatThrownBy(() -> Identifiers.require("with space", "projectId"))
                .isInstanceOf(InvalidIdentifierException.class).hasMessageContaining("projectId");
        assertThatThrownBy(() -> Identifiers.require("é", "poolId")).isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void the_check_accepts_exactly_what_the_rule_accepts() {
        String alphabet = "aZ09._:@/+-_ é\t#,;\"'\\";
        Random random = new Random(20261124);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder candidate = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int c = 0; c < length; c++) {
                candidate.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = candidate.toString();
            boolean accepted;
            try {
                Identifiers.require(value, "id");
                accepted = true;
            } catch (InvalidIdentifierException refused) {
                accepted = false;
            }
            assertThat(accepted).as("'%s'", value).isEqualTo(!value.isBlank() && RULE.matcher(value).matches());
        }
    }
}
