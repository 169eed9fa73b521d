package eu.gpuledger.server.security;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenFormatTest {

    @Test
    void a_new_token_has_the_prefix_the_length_and_a_matching_checksum() {
        String token = ApiTokenFormat.newToken();
        assertThat(token).matches("gpl_[0-9A-Za-z]{38}").hasSize(ApiTokenFormat.TOKEN_CHARS);
        assertThat(ApiTokenFormat.wellFormed(token)).isTrue();
    }

    @Test
    void changing_any_one_character_after_the_prefix_breaks_the_checksum() {
        String token = ApiTokenFormat.newToken();
        for (int i = ApiTokenFormat.PREFIX.length(); i < token.length(); i++) {
            char other = token.charAt(i) == 'Z' ? 'Y' : 'Z';
            String altered = token.substring(0, i) + other + token.substring(i + 1);
            assertThat(ApiTokenFormat.wellFormed(altered)).as("changed at " + i).isFalse();
        }
    }

    @Test
    void look_alikes_are_not_tokens() {
        String token = ApiTokenFormat.newToken();
        assertThat(ApiTokenFormat.wellFormed(token.substring(0, token.length() - 1))).isFalse();
        assertThat(ApiTokenFormat.wellFormed(token + "0")).isFalse();
        assertThat(ApiTokenFormat.wellFormed("ghp_" + token.substring(4))).isFalse();
        assertThat(ApiTokenFormat.wellFormed(token.replace(token.charAt(10), '-'))).isFalse();
    }

    @Test
    void tokens_do_not_repeat_and_their_hashes_are_sha256_in_hex() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ApiTokenFormat.newToken())).isTrue();
        }
        assertThat(ApiTokenFormat.sha256("abc")).as("FIPS 180-2's test vector")
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
