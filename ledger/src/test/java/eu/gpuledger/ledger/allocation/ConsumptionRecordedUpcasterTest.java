package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ConsumptionRecorded as revision 1 stored it (the fixture is the JSON the ledger wrote before revision 2) reads
 * as revision 2 with the same charges and total; one whose stored figures disagree is refused, naming the event.
 * The server's StoredRevisionOneEventsTest loads the same fixture from PostgreSQL into the aggregate and read models.
 */
class ConsumptionRecordedUpcasterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode revisionOne() throws IOException {
        try (InputStream stored = ConsumptionRecordedUpcasterTest.class
                .getResourceAsStream("/stored-events/ConsumptionRecorded-revision-1.json")) {
            return JSON.readTree(stored);
        }
    }

    @Test
    void revision_one_reads_without_its_derived_figures_and_with_the_same_total() throws IOException {
        JsonNode upcast = ConsumptionRecordedUpcaster.revisionTwo(revisionOne(), "event-1");

        assertThat(upcast.has("total")).isFalse();
        assertThat(upcast.get("charges")).allSatisfy(charge -> assertThat(charge.has("gpuSeconds")).isFalse());
        assertThat(upcast.get("charges")).hasSize(2);
        assertThat(upcast.at("/charges/0/factor").decimalValue()).isEqualByComparingTo("2");
        assertThat(upcast.at("/charges/0/price").asText()).isEqualTo("2.75");
        assertThat(upcast.at("/charges/1/price").isMissingNode()).as("an absent price stays absent").isTrue();
        // 2 GPUs × 3600 s + 8 GPUs × 600 s, as revision 1 stored it
        assertThat(upcast.at("/charges/0/chargedGpus").asLong() * upcast.at("/charges/0/elapsedSeconds").asLong()
                + upcast.at("/charges/1/chargedGpus").asLong() * upcast.at("/charges/1/elapsedSeconds").asLong())
                .isEqualTo(revisionOne().get("total").asLong());
        assertThat(revisionOne().has("total")).as("the stored JSON is not changed in place").isTrue();
    }

    @Test
    void a_charge_whose_stored_gpu_seconds_disagree_is_refused_rather_than_read_as_another_figure() throws IOException {
        ObjectNode tampered = (ObjectNode) revisionOne();
        ((ObjectNode) tampered.at("/charges/1")).put("gpuSeconds", 4801);

        assertThatThrownBy(() -> ConsumptionRecordedUpcaster.revisionTwo(tampered, "event-7"))
                .isInstanceOf(ConsumptionRecordedUpcaster.StoredFigureDisagrees.class)
                .hasMessageContaining("event-7").hasMessageContaining("jean-zay:412346")
                .hasMessageContaining("4801").hasMessageContaining("4800");
    }

    @Test
    void a_total_that_is_not_the_sum_of_its_charges_is_refused() throws IOException {
        ObjectNode tampered = (ObjectNode) revisionOne();
        tampered.put("total", 12001);

        assertThatThrownBy(() -> ConsumptionRecordedUpcaster.revisionTwo(tampered, "event-8"))
                .isInstanceOf(ConsumptionRecordedUpcaster.StoredFigureDisagrees.class)
                .hasMessageContaining("total 12001").hasMessageContaining("12000");
    }
}
