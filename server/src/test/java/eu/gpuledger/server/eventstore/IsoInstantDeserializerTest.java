package eu.gpuledger.server.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantDeserializerTest {

    private final ObjectMapper axonMapper = new EventSerialization().defaultAxonObjectMapper();

    @Test
    void every_instant_an_event_stores_reads_back_exactly() throws Exception {
        Random random = new Random(20261124);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String json = axonMapper.writeValueAsString(instant);
            assertThat(axonMapper.readValue(json, Instant.class)).as(json).isEqualTo(instant);
            assertThat(IsoInstants.parseUtc(instant.toString())).as(json).isEqualTo(instant);
        }
    }

    @Test
    void other_forms_are_left_to_jacksons_reader() throws Exception {
        assertThat(IsoInstants.parseUtc("2026-03-01T10:15:30+01:00")).isNull();
        assertThat(IsoInstants.parseUtc("2026-02-30T10:15:30Z")).isNull();
        assertThat(IsoInstants.parseUtc("2026-03-01T24:00:00Z")).isNull();
        assertThat(IsoInstants.parseUtc("2026-03-01T10:15:30.Z")).isNull();
        assertThat(IsoInstants.parseUtc("+12026-03-01T10:15:30Z")).isNull();
        assertThat(axonMapper.readValue("\"2026-03-01T10:15:30+01:00\"", Instant.class))
                .isEqualTo(Instant.parse("2026-03-01T09:15:30Z"));
        assertThat(axonMapper.readValue("1772359200", Instant.class)).isEqualTo(Instant.ofEpochSecond(1772359200));
    }
}
