package eu.gpuledger.ledger.usage.csv;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.IgnoredReason;
import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.MissingRequiredColumn;
import eu.gpuledger.ledger.usage.UsagePools;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.ledger.usage.charging.ChargeDecision;
import eu.gpuledger.ledger.usage.charging.ChargingRule;
import eu.gpuledger.ledger.usage.charging.ChargingRules;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BilledUsageReaderTest {

    private static final String HEADER = "recordId,providerId,cluster,account,pool,user,gpus,start,end,billedMinutes";
    private static final String RECORD =
            "inv-2026-10-000123,sovereign-cloud,paris-1,acme-ai,cloud-h100,alice,8,2026-10-12T07:00:00Z,2026-10-12T09:30:00Z,150";

    private static List<LineOutcome<BilledUsage>> read(String input) {
        List<LineOutcome<BilledUsage>> outcomes = new ArrayList<>();
        try (BilledUsageReader reader = BilledUsageReader.open(new StringReader(input))) {
            reader.forEachRemaining(outcomes::add);
        }
        return outcomes;
    }

    private static BilledUsage onlyRecord(String input) {
        List<LineOutcome<BilledUsage>> outcomes = read(input);
        assertThat(outcomes).singleElement().isInstanceOf(LineOutcome.Read.class);
        return ((LineOutcome.Read<BilledUsage>) outcomes.getFirst()).record();
    }

    private static String onlyRejection(String line) {
        List<LineOutcome<BilledUsage>> outcomes = read(HEADER + "\n" + line + "\n");
        assertThat(outcomes).singleElement().isInstanceOf(LineOutcome.Rejected.class);
        return ((LineOutcome.Rejected<BilledUsage>) outcomes.getFirst()).describe();
    }

    @Test
    void a_billed_record_is_read_and_charged_gpus_times_minutes_times_sixty() {
        BilledUsage usage = onlyRecord(HEADER + "\n" + RECORD + "\n");

        assertThat(usage.recordId()).isEqualTo(UsageRecordId.of("inv-2026-10-000123"));
        assertThat(usage.cluster()).isEqualTo(ClusterName.of("paris-1"));
        assertThat(usage.pool()).isEqualTo(PoolId.of("cloud-h100"));
        assertThat(usage.start()).isEqualTo(Instant.parse("2026-10-12T07:00:00Z"));
        assertThat(usage.end()).isEqualTo(Instant.parse("2026-10-12T09:30:00Z"));
        assertThat(ChargingRules.charge(usage, UsagePools.CLOUD_H100))
                .isEqualTo(new ChargeDecision(ChargingRule.BILLED_MINUTES, 8, GpuSeconds.of(8L * 150 * 60)));
    }

    @Test
    void columns_may_come_in_any_order_and_cluster_and_job_id_are_optional() {
        String input = """
                billedMinutes,end,start,gpus,user,pool,account,providerId,recordId,invoiceLine
                150,2026-10-12T09:30:00Z,2026-10-12T07:00:00Z,8,alice,cloud-h100,acme-ai,sovereign-cloud,inv-1,17
                """;

        BilledUsage usage = onlyRecord(input);

        assertThat(usage.cluster()).isNull();
        assertThat(usage.jobId()).isNull();
        assertThat(usage.billedMinutes()).isEqualTo(150);
    }

    @Test
    void a_missing_required_column_is_refused_by_name() {
        assertThatThrownBy(() -> BilledUsageReader.open(new StringReader("recordId,providerId,account,pool,user,gpus,start,end\n")))
                .isInstanceOf(MissingRequiredColumn.class)
                .hasMessageContaining("billedMinutes");
    }

    @Test
    void a_record_billed_zero_minutes_costs_nothing() {
        assertThat(read(HEADER + "\n" + RECORD.replace(",150", ",0") + "\n"))
                .containsExactly(new LineOutcome.Ignored<>(2, IgnoredReason.ZERO_ELAPSED, "inv-2026-10-000123"));
    }

    @Test
    void a_quoted_field_is_rejected() {
        assertThat(onlyRejection(RECORD.replace("alice", "\"alice\"")))
                .isEqualTo("line 2: the line holds a '\"': quoted fields are not part of the format");
    }

    @Test
    void a_line_with_the_wrong_number_of_fields_is_rejected() {
        assertThat(onlyRejection(RECORD + ",extra"))
                .startsWith("line 2: the line has 11 fields where the header names 10 columns");
    }

    @Test
    void billed_minutes_that_are_no_whole_number_are_rejected() {
        assertThat(onlyRejection(RECORD.replace(",150", ",2.5")))
                .isEqualTo("line 2: billedMinutes '2.5' is not a whole number of minutes");
    }

    @Test
    void more_minutes_billed_than_started_are_rejected() {
        // 2h30 is 150 started minutes; 9000 looks like seconds.
        assertThat(onlyRejection(RECORD.replace(",150", ",9000")))
                .isEqualTo("line 2: billedMinutes 9000 is more than the 150 minutes started between start and end"
                        + " (seconds given as minutes?)");
    }

    @Test
    void a_started_minute_may_be_billed_whole() {
        String oneSecondPastTheMinute = RECORD.replace("09:30:00Z", "09:30:01Z").replace(",150", ",151");

        assertThat(onlyRecord(HEADER + "\n" + oneSecondPastTheMinute + "\n").billedMinutes()).isEqualTo(151);
    }

    @Test
    void zero_gpus_are_rejected() {
        assertThat(onlyRejection(RECORD.replace(",8,", ",0,")))
                .isEqualTo("line 2: gpus is 0: a record bills at least 1 GPU");
    }

    @Test
    void gpus_that_are_no_whole_number_are_rejected() {
        assertThat(onlyRejection(RECORD.replace(",8,", ",eight,")))
                .isEqualTo("line 2: gpus 'eight' is not a whole number of GPUs");
    }

    @Test
    void a_time_with_an_offset_is_rejected_for_not_being_utc() {
        assertThat(onlyRejection(RECORD.replace("2026-10-12T07:00:00Z", "2026-10-12T09:00:00+02:00")))
                .isEqualTo("line 2: start '2026-10-12T09:00:00+02:00' is not a UTC instant such as 2026-10-01T00:00:00Z");
    }

    @Test
    void an_unreadable_time_is_rejected() {
        assertThat(onlyRejection(RECORD.replace("2026-10-12T09:30:00Z", "2026-10-32T09:30:00Z")))
                .isEqualTo("line 2: end '2026-10-32T09:30:00Z' is not a UTC instant such as 2026-10-01T00:00:00Z");
    }

    @Test
    void an_end_before_the_start_is_rejected() {
        assertThat(onlyRejection(RECORD.replace("2026-10-12T09:30:00Z", "2026-10-12T06:30:00Z")))
                .isEqualTo("line 2: end '2026-10-12T06:30:00Z' is before start '2026-10-12T07:00:00Z'");
    }

    @Test
    void an_empty_required_field_is_rejected() {
        assertThat(onlyRejection(RECORD.replace(",alice,", ",,"))).isEqualTo("line 2: user is empty");
    }

    @Test
    void an_id_that_is_no_identifier_is_rejected() {
        assertThat(onlyRejection(RECORD.replace("acme-ai", "acme ai")))
                .startsWith("line 2: account 'acme ai' is not a valid identifier");
    }
}
