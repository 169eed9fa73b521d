package eu.gpuledger.ledger.usage.sacct;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.UsagePools;
import eu.gpuledger.ledger.usage.charging.ChargingRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static eu.gpuledger.ledger.usage.sacct.SacctSamples.TWO_H100;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.job;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.onlyJob;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.read;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.readIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sacct prints local times without offset. Europe/Paris, 2026: on 29 March at 02:00 CET clocks jump to 03:00 CEST
 * (02:xx does not exist); on 25 October at 03:00 CEST they go back to 02:00 CET (02:xx happens twice).
 */
class DaylightSavingTest {

    private static SacctJob ran(String start, String end, long elapsedSeconds) {
        return onlyJob(read(job("700", "700", "gpu_p6", TWO_H100, elapsedSeconds, start, end, "COMPLETED")));
    }

    @Test
    void a_job_across_the_spring_change_is_charged_its_elapsed_seconds_not_its_wall_clock() {
        // 01:30 CET to 03:30 CEST: two hours on the wall clock, one hour of running.
        SacctJob job = ran("2026-03-29T01:30:00", "2026-03-29T03:30:00", 3600);

        assertThat(job.start()).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
        assertThat(job.end()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(ChargingRules.charge(job, UsagePools.GPU_P6).gpuSeconds()).isEqualTo(GpuSeconds.of(2 * 3600));
    }

    @Test
    void a_local_time_in_the_spring_gap_is_shifted_forward_by_the_gap() {
        // 02:30 does not exist on 29 March: read as 03:30 CEST, the instant 02:30 CET would have been.
        SacctJob job = ran("2026-03-29T02:30:00", "2026-03-29T03:40:00", 600);

        assertThat(job.start()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(job.end()).isEqualTo(Instant.parse("2026-03-29T01:40:00Z"));
    }

    @Test
    void an_end_in_the_autumn_overlap_is_placed_by_the_elapsed_time() {
        SacctJob endedInTheFirstPass = ran("2026-10-25T01:30:00", "2026-10-25T02:30:00", 3600);
        SacctJob endedInTheSecondPass = ran("2026-10-25T01:30:00", "2026-10-25T02:30:00", 7200);

        assertThat(endedInTheFirstPass.end()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(endedInTheSecondPass.end()).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    void a_start_in_the_autumn_overlap_is_placed_by_the_elapsed_time() {
        SacctJob startedInTheFirstPass = ran("2026-10-25T02:30:00", "2026-10-25T04:00:00", 9000);
        SacctJob startedInTheSecondPass = ran("2026-10-25T02:30:00", "2026-10-25T04:00:00", 5400);

        assertThat(startedInTheFirstPass.start()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(startedInTheSecondPass.start()).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    void a_job_across_the_repeated_hour_may_end_before_it_started_in_local_time() {
        // Started 02:50 CEST, ran 20 minutes, ended 02:10 CET.
        SacctJob job = ran("2026-10-25T02:50:00", "2026-10-25T02:10:00", 1200);

        assertThat(job.start()).isEqualTo(Instant.parse("2026-10-25T00:50:00Z"));
        assertThat(job.end()).isEqualTo(Instant.parse("2026-10-25T01:10:00Z"));
    }

    @Test
    void a_suspended_job_ending_in_the_overlap_takes_the_span_closest_to_its_elapsed_time_without_being_shorter() {
        // Suspended 10 minutes: End - Start exceeds ElapsedRaw by 600 s on the first pass, by 4200 s on the second.
        SacctJob job = ran("2026-10-25T01:30:00", "2026-10-25T02:30:00", 3000);

        assertThat(job.end()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void a_job_the_elapsed_time_cannot_place_takes_the_earlier_offset() {
        // 02:10 to 02:50: forty minutes on either pass.
        SacctJob job = ran("2026-10-25T02:10:00", "2026-10-25T02:50:00", 2400);

        assertThat(job.start()).isEqualTo(Instant.parse("2026-10-25T00:10:00Z"));
        assertThat(job.end()).isEqualTo(Instant.parse("2026-10-25T00:50:00Z"));
    }

    @Test
    void a_cluster_in_utc_reads_its_times_as_utc() {
        SacctJob job = onlyJob(readIn(ZoneOffset.UTC, job("700", "700", "gpu_p6", TWO_H100, 3600,
                "2026-10-25T02:30:00", "2026-10-25T03:30:00", "COMPLETED")));

        assertThat(job.start()).isEqualTo(Instant.parse("2026-10-25T02:30:00Z"));
        assertThat(job.end()).isEqualTo(Instant.parse("2026-10-25T03:30:00Z"));
    }
}
