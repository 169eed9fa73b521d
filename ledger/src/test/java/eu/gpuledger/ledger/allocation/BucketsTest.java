package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.transfer.TransferId;
import org.junit.jupiter.api.Test;

import java.util.stream.StreamSupport;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The one shape of an allocation's hours: movements fold into buckets, and the figures come from the buckets. */
class BucketsTest {

    private static final TransferId TRANSFER = TransferId.of("t-1");

    private static Buckets folded(AllocationMovement... movements) {
        Buckets buckets = Buckets.EMPTY;
        for (AllocationMovement movement : movements) {
            buckets = buckets.plus(movement);
        }
        return buckets;
    }

    @Test
    void the_balance_is_api_md_s_equation_over_the_buckets() {
        Buckets buckets = new Buckets(hours(100), hours(20), hours(90), hours(30), hours(80), hours(10), hours(5),
                hours(1));
        // granted + supplemented + transferredIn + refunded − consumed − transferredOut − clawedBack − expired
        assertThat(buckets.balance()).isEqualTo(hours(100 + 20 + 80 + 30 - 90 - 10 - 5 - 1));
        assertThat(buckets.entitlement()).isEqualTo(hours(100 + 20 + 80 - 10 - 5));
        assertThat(buckets.netConsumed()).isEqualTo(hours(60));
        assertThat(buckets.usedPercentBase()).isEqualTo(hours(120));
        assertThat(buckets.usedPercent()).isEqualByComparingTo("50.00");
    }

    @Test
    void the_effective_limit_is_the_most_net_consumption_that_is_not_blocked() {
        // 7 GPU-s of entitlement, 25% over-consumption: 8.75 GPU-s, so 8 is allowed and 9 is beyond
        Buckets atLimit = new Buckets(GpuSeconds.of(7), GpuSeconds.ZERO, GpuSeconds.of(8), GpuSeconds.ZERO,
                GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO);
        Buckets oneMore = atLimit.plus(Bucket.CONSUMED, GpuSeconds.of(1));
        assertThat(atLimit.effectiveLimit(25)).isEqualTo(GpuSeconds.of(8));
        assertThat(atLimit.standing(25)).isEqualTo(Standing.LOW_PRIORITY);
        assertThat(oneMore.standing(25)).isEqualTo(Standing.BLOCKED);
        assertThat(hoursBuckets(100).effectiveLimit(25)).isEqualTo(hours(125));
        assertThat(hoursBuckets(100).effectiveLimit(0)).isEqualTo(hours(100));
    }

    private static Buckets hoursBuckets(long granted) {
        return new Buckets(hours(granted), GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO,
                GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO);
    }

    @Test
    void each_movement_moves_its_own_bucket_and_a_reversal_takes_a_debit_back() {
        Buckets buckets = folded(granted(), consumed(job("j1", 30)),
                new TransferDebited(ALLOCATION, TRANSFER, OTHER_ALLOCATION, hours(40)),
                new TransferDebitReversed(ALLOCATION, TRANSFER, hours(40), "credit failed"),
                new AllocationClawedBack(ALLOCATION, ClawbackId.of("c1"), hours(5), "pace"));

        assertThat(buckets).isEqualTo(new Buckets(hours(GRANTED_HOURS), GpuSeconds.ZERO, hours(30), GpuSeconds.ZERO,
                GpuSeconds.ZERO, GpuSeconds.ZERO, hours(5), GpuSeconds.ZERO));
        assertThat(buckets.balance()).isEqualTo(hours(65));
        for (Bucket bucket : Bucket.values()) {
            assertThat(buckets.plus(bucket, hours(1)).of(bucket)).as(bucket.name())
                    .isEqualTo(buckets.of(bucket).plus(hours(1)));
        }
    }

    @Test
    void the_state_is_expired_then_suspended_then_where_consumption_stands() {
        assertThat(AllocationState.of(true, true, Standing.BLOCKED)).isEqualTo(AllocationState.EXPIRED);
        assertThat(AllocationState.of(false, true, Standing.BLOCKED)).isEqualTo(AllocationState.SUSPENDED);
        assertThat(AllocationState.of(false, false, Standing.WITHIN_GRANT)).isEqualTo(AllocationState.ACTIVE);
        assertThat(AllocationState.of(false, false, Standing.LOW_PRIORITY)).isEqualTo(AllocationState.LOW_PRIORITY);
        assertThat(AllocationState.of(false, false, Standing.BLOCKED)).isEqualTo(AllocationState.BLOCKED);
    }

    @Test
    void a_movement_s_stored_json_holds_its_fields_only_not_its_bucket_or_amount() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        var supplemented = json.valueToTree(new AllocationSupplemented(ALLOCATION, SupplementId.of("s1"), hours(1),
                "more"));
        var reversed = json.valueToTree(new TransferDebitReversed(ALLOCATION, TRANSFER, hours(1), "credit failed"));

        assertThat(StreamSupport.stream(((Iterable<String>) supplemented::fieldNames).spliterator(), false))
                .containsExactly("allocationId", "supplementId", "gpuSeconds", "reason");
        assertThat(StreamSupport.stream(((Iterable<String>) reversed::fieldNames).spliterator(), false))
                .containsExactly("allocationId", "transferId", "gpuSeconds", "reason");
    }
}
