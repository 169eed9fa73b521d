package eu.gpuledger.server.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written reader of charges gives what Jackson's own reader of the record gives, for every form. */
class ChargeDeserializerTest {

    private final ObjectMapper axonMapper = new EventSerialization().defaultAxonObjectMapper();
    /** The same mapper without the hand-written reader: Jackson's general reader of records. */
    private final ObjectMapper jacksonOwn = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    @Test
    void the_reader_knows_exactly_the_fields_a_charge_has() {
        assertThat(Arrays.stream(Charge.class.getRecordComponents()).map(RecordComponent::getName).toList())
                .as("Charge changed: teach ChargeDeserializer its new field (and upcast old events if needed)")
                .isEqualTo(ChargeDeserializer.FIELDS);
    }

    @Test
    void random_charges_as_stored_read_back_as_jackson_reads_them() throws Exception {
        Random random = new Random(20261124);
        for (int event = 0; event < 5_000; event++) {
            List<Charge> charges = new ArrayList<>();
            for (int job = 0; job <= random.nextInt(4); job++) {
                charges.add(randomCharge(random));
            }
            String json = axonMapper.writeValueAsString(new ConsumptionRecorded(AllocationId.of("a-" + event),
                    charges));
            ConsumptionRecorded read = axonMapper.readValue(json, ConsumptionRecorded.class);
            assertThat(read).as(json).isEqualTo(jacksonOwn.readValue(json, ConsumptionRecorded.class));
            assertThat(read.charges()).isEqualTo(charges);
        }
    }

    @Test
    void other_forms_read_as_jackson_reads_them() throws Exception {
        List<String> forms = List.of(
                "{}",
                "{\"recordId\":null,\"cluster\":null,\"jobId\":null,\"chargedGpus\":null,\"start\":null,"
                        + "\"elapsedSeconds\":null,\"factor\":null,\"price\":null}",
                "{\"price\":\"2.750\",\"factor\":1.50,\"elapsedSeconds\":7200,\"recordId\":\"u-1\",\"cluster\":\"jz\"}",
                "{\"chargedGpus\":\"4\",\"elapsedSeconds\":\"3600\",\"factor\":\"2\"}",
                "{\"jobId\":42,\"user\":true,\"partition\":1.5}",
                "{\"start\":\"2026-03-01T10:15:30+01:00\",\"end\":1772359200,\"price\":3}",
                "{\"recordId\":\"u-1\",\"comment\":{\"nested\":[1,2,{\"deep\":null}]},\"tags\":[\"a\"],\"jobId\":\"7\"}",
                "{\"factor\":1E+2,\"price\":\"1E+3\",\"end\":\"2026-01-01T00:00:00.123456789Z\"}",
                // an id that today's rule refuses at the edge is read back as stored (docs/identifiers.md)
                "{\"recordId\":\"not an identifier!\"}");
        for (String json : forms) {
            assertThat(outcome(axonMapper, json)).as(json).isEqualTo(outcome(jacksonOwn, json));
        }
    }

    @Test
    void values_that_are_refused_are_refused_as_jackson_refuses_them() {
        List<String> refused = List.of(
                "{\"factor\":-1}",
                "{\"price\":\"-2\"}",
                "{\"elapsedSeconds\":\"many\"}",
                "[1,2]");
        for (String json : refused) {
            assertThat(outcome(axonMapper, json)).as(json).startsWith("refused");
            assertThat(outcome(jacksonOwn, json)).as(json).startsWith("refused");
        }
    }

    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return "read " + mapper.readValue(json, Charge.class);
        } catch (Exception refused) {
            return "refused";
        }
    }

    private static Charge randomCharge(Random random) {
        Instant end = Instant.ofEpochSecond(1_760_000_000L + random.nextInt(100_000_000), random.nextInt(4) == 0
                ? random.nextInt(1_000_000_000) : 0);
        long elapsed = random.nextInt(100_000);
        String[] factors = {"1", "2", "4", "0.5", "1.25", "1E+1"};
        String[] prices = {"2.75", "1", "0", "3.14159", "1E+3"};
        return new Charge(UsageRecordId.of("u-" + random.nextInt(1_000_000)),
                ClusterName.of(random.nextBoolean() ? "jean-zay" : "adastra"),
                random.nextInt(10) == 0 ? null : String.valueOf(random.nextInt(10_000_000)),
                random.nextInt(10) == 0 ? null : "user" + random.nextInt(50),
                random.nextInt(10) == 0 ? null : "gpu_p" + random.nextInt(5),
                random.nextInt(9), random.nextInt(10) == 0 ? null : end.minusSeconds(elapsed), end, elapsed,
                random.nextInt(5) == 0 ? null : NormalisationFactor.of(factors[random.nextInt(factors.length)]),
                random.nextInt(5) == 0 ? null : PricePerGpuHour.of(prices[random.nextInt(prices.length)]));
    }
}
