package eu.gpuledger.ledger.usage.sacct;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.usage.IgnoredReason;
import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.MissingRequiredColumn;
import eu.gpuledger.ledger.usage.UnreadableHeader;
import eu.gpuledger.ledger.usage.UsagePools;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static eu.gpuledger.ledger.usage.sacct.SacctSamples.HEADER;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.ONE_H100;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.PARIS;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.TWO_H100;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.completedJob;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.job;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.onlyJob;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.onlyRejection;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.read;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.readText;
import static eu.gpuledger.ledger.usage.sacct.SacctSamples.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SacctReaderTest {

    @Test
    void a_completed_job_is_read_with_what_it_was_allocated_and_when_it_ran() {
        SacctJob job = onlyJob(read(
                "412345|412345|nxk@h100|ufx12ab|gpu_p6|" + TWO_H100 + "|3725|2026-10-12T09:14:02|2026-10-12T10:16:07|COMPLETED"));

        assertThat(job.jobId()).isEqualTo("412345");
        assertThat(job.recordId()).isEqualTo(UsageRecordId.of("jean-zay:412345"));
        assertThat(job.account()).isEqualTo(SchedulerAccount.of("nxk@h100"));
        assertThat(job.user()).isEqualTo("ufx12ab");
        assertThat(job.partition()).isEqualTo("gpu_p6");
        assertThat(job.allocated()).isEqualTo(new AllocatedResources(2, 8, 1));
        assertThat(job.elapsedSeconds()).isEqualTo(3725);
        assertThat(job.start()).isEqualTo(Instant.parse("2026-10-12T07:14:02Z"));
        assertThat(job.end()).isEqualTo(Instant.parse("2026-10-12T08:16:07Z"));
        assertThat(job.state()).isEqualTo(SlurmJobState.COMPLETED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch", "extern", "0", "1", "interactive"})
    void a_step_record_is_never_charged(String suffix) {
        List<LineOutcome<SacctJob>> outcomes = read(step("412345", suffix));

        assertThat(outcomes).containsExactly(
                new LineOutcome.Ignored<>(2, IgnoredReason.STEP, "412345." + suffix));
    }

    @Test
    void a_step_record_is_set_aside_before_its_fields_are_checked() {
        // sacct prints steps without user or partition, and a running step with End Unknown.
        String runningStep = "412346.0|412346.0|nxk@h100|||" + TWO_H100 + "|0|2026-10-12T09:00:00|Unknown|RUNNING";

        assertThat(read(runningStep)).singleElement().isInstanceOf(LineOutcome.Ignored.class)
                .extracting("reason").isEqualTo(IgnoredReason.STEP);
    }

    @Test
    void each_array_task_is_a_job_of_its_own() {
        List<LineOutcome<SacctJob>> outcomes = read(
                job("500100_1", "500101", "gpu_p6", ONE_H100, 600, "2026-10-12T09:00:00", "2026-10-12T09:10:00", "COMPLETED"),
                job("500100_2", "500102", "gpu_p6", ONE_H100, 700, "2026-10-12T09:00:00", "2026-10-12T09:11:40", "FAILED"),
                job("500100_3", "500100", "gpu_p6", ONE_H100, 800, "2026-10-12T09:00:00", "2026-10-12T09:13:20", "COMPLETED"),
                step("500101", "batch"));

        assertThat(outcomes).filteredOn(LineOutcome.Read.class::isInstance)
                .extracting(outcome -> ((LineOutcome.Read<SacctJob>) outcome).record())
                .extracting(SacctJob::jobId, job -> job.recordId().value(), SacctJob::elapsedSeconds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("500100_1", "jean-zay:500101", 600L),
                        org.assertj.core.groups.Tuple.tuple("500100_2", "jean-zay:500102", 700L),
                        org.assertj.core.groups.Tuple.tuple("500100_3", "jean-zay:500100", 800L));
    }

    @Test
    void a_pending_array_is_not_final() {
        String pendingArray = job("500200_[4-10]", "500200", "gpu_p6", "", 0, "Unknown", "Unknown", "PENDING");

        assertThat(read(pendingArray)).containsExactly(
                new LineOutcome.Ignored<>(2, IgnoredReason.NOT_FINAL, "500200_[4-10]"));
    }

    @Test
    void each_heterogeneous_job_component_is_a_job_of_its_own() {
        List<LineOutcome<SacctJob>> outcomes = read(
                job("600+0", "600", "gpu_p6", ONE_H100, 60, "2026-10-12T09:00:00", "2026-10-12T09:01:00", "COMPLETED"),
                job("600+1", "601", "gpu_p6", TWO_H100, 60, "2026-10-12T09:00:00", "2026-10-12T09:01:00", "COMPLETED"));

        assertThat(outcomes).allMatch(LineOutcome.Read.class::isInstance).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUNNING", "PENDING", "REQUEUED", "RESIZING", "SUSPENDED", "REQUEUE_HOLD", "COMPLETING"})
    void running_and_pending_records_are_skipped(String state) {
        String notFinal = job("412400", "412400", "gpu_p6", TWO_H100, 1200, "2026-10-12T09:00:00", "Unknown", state);

        assertThat(read(notFinal)).containsExactly(new LineOutcome.Ignored<>(2, IgnoredReason.NOT_FINAL, "412400"));
    }

    @Test
    void a_job_that_never_started_costs_nothing() {
        List<LineOutcome<SacctJob>> outcomes = read(
                job("412500", "412500", "gpu_p6", "", 0, "None", "2026-10-12T09:00:00", "CANCELLED by 0"),
                job("412501", "412501", "gpu_p6", "", 0, "Unknown", "Unknown", "CANCELLED by 123456"),
                job("412502", "412502", "gpu_p6", TWO_H100, 0, "2026-10-12T09:00:00", "2026-10-12T09:00:00", "FAILED"));

        assertThat(outcomes).extracting("reason").containsOnly(IgnoredReason.ZERO_ELAPSED);
    }

    @Test
    void a_cancelled_job_that_ran_is_read_for_charging() {
        SacctJob job = onlyJob(read(job("412600", "412600", "gpu_p6", TWO_H100, 1800, "2026-10-12T09:00:00",
                "2026-10-12T09:30:00", "CANCELLED by 123456")));

        assertThat(job.state()).isEqualTo(SlurmJobState.CANCELLED);
        assertThat(job.elapsedSeconds()).isEqualTo(1800);
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED",
            "BOOT_FAIL", "DEADLINE", "CANCELLED+"})
    void a_job_that_ran_is_read_whatever_its_final_state(String state) {
        SacctJob job = onlyJob(read(job("412700", "412700", "gpu_p6", TWO_H100, 60, "2026-10-12T09:00:00",
                "2026-10-12T09:01:00", state)));

        assertThat(job.state().isFinal()).isTrue();
    }

    @Test
    void columns_may_come_in_any_order() {
        String input = """
                State|End|Start|ElapsedRaw|AllocTRES|Partition|User|Account|JobIDRaw|JobID|ExitCode|JobName
                COMPLETED|2026-10-12T10:00:00|2026-10-12T09:00:00|3600|%s|gpu_p6|ufx12ab|nxk@h100|412345|412345|0:0|train
                """.formatted(TWO_H100);

        SacctJob job = onlyJob(readText(input, PARIS));

        assertThat(job.jobId()).isEqualTo("412345");
        assertThat(job.allocated().gpus()).isEqualTo(2);
        assertThat(job.elapsedSeconds()).isEqualTo(3600);
    }

    @Test
    void column_names_are_matched_whatever_their_case() {
        String input = HEADER.toLowerCase() + "\n" + completedJob("412345", TWO_H100) + "\n";

        assertThat(onlyJob(readText(input, PARIS)).jobId()).isEqualTo("412345");
    }

    @Test
    void a_missing_required_column_is_refused_by_name() {
        String withoutAllocTres = "JobID|JobIDRaw|Account|User|Partition|ElapsedRaw|Start|End|State\n";

        assertThatThrownBy(() -> SacctReader.open(new StringReader(withoutAllocTres), UsagePools.JEAN_ZAY, PARIS))
                .isInstanceOf(MissingRequiredColumn.class)
                .hasMessageContaining("AllocTRES")
                .extracting("field").isEqualTo("AllocTRES");
    }

    @Test
    void an_empty_input_is_refused_for_lack_of_a_header() {
        assertThatThrownBy(() -> SacctReader.open(new StringReader(""), UsagePools.JEAN_ZAY, PARIS))
                .isInstanceOf(UnreadableHeader.class)
                .hasMessageContaining("header");
    }

    @Test
    void a_column_named_twice_is_refused() {
        String twice = HEADER + "|State\n";

        assertThatThrownBy(() -> SacctReader.open(new StringReader(twice), UsagePools.JEAN_ZAY, PARIS))
                .isInstanceOf(UnreadableHeader.class)
                .hasMessageContaining("State");
    }

    @Test
    void parsable_output_with_a_trailing_separator_is_read_too() {
        String parsable = HEADER + "|\n" + completedJob("412345", TWO_H100) + "|\n";

        assertThat(onlyJob(readText(parsable, PARIS)).jobId()).isEqualTo("412345");
    }

    @Test
    void blank_lines_are_skipped_but_keep_line_numbers_true() {
        String input = HEADER + "\n\n" + completedJob("412345", TWO_H100) + "\n\n";

        assertThat(readText(input, PARIS)).singleElement().extracting(LineOutcome::lineNumber).isEqualTo(3L);
    }

    @Test
    void the_gpus_of_a_job_are_counted_once_when_both_typed_and_untyped() {
        assertThat(onlyJob(read(completedJob("1", "billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1")))
                .allocated().gpus()).isEqualTo(2);
    }

    @Test
    void the_gpus_of_a_job_are_the_sum_of_its_typed_entries_when_no_total_is_given() {
        assertThat(onlyJob(read(completedJob("1", "cpu=8,gres/gpu:a100=2,gres/gpu:v100=1,mem=4000M,node=1")))
                .allocated().gpus()).isEqualTo(3);
    }

    @Test
    void tres_that_only_start_like_gpus_are_not_gpus() {
        assertThat(onlyJob(read(completedJob("1", "cpu=8,gres/gpumem=40G,gres/gpuutil=90,mem=4000M,node=1")))
                .allocated()).isEqualTo(new AllocatedResources(0, 8, 1));
    }

    @Test
    void a_job_without_gpus_is_read_with_zero_gpus() {
        assertThat(onlyJob(read(completedJob("1", "billing=48,cpu=48,mem=180G,node=1"))).allocated())
                .isEqualTo(new AllocatedResources(0, 48, 1));
    }

    // Rejections: one per reason, each naming the field and the line.

    @Test
    void a_line_with_the_wrong_number_of_fields_is_rejected() {
        assertThat(onlyRejection(read("412345|412345|nxk@h100|ufx12ab|gpu_p6|3600|COMPLETED")))
                .isEqualTo("line 2: the line has 7 fields where the header names 10 columns"
                        + " (a field holding the delimiter, or a truncated line)");
    }

    @Test
    void a_non_numeric_elapsed_time_is_rejected() {
        assertThat(onlyRejection(read(job("1", "1", "gpu_p6", TWO_H100, 0, "2026-10-12T09:00:00",
                "2026-10-12T10:00:00", "COMPLETED").replace("|0|", "|01:00:00|"))))
                .isEqualTo("line 2: ElapsedRaw '01:00:00' is not a whole number of seconds");
    }

    @Test
    void an_unreadable_start_is_rejected() {
        assertThat(onlyRejection(read(job("1", "1", "gpu_p6", TWO_H100, 3600, "12/10/2026 09:00",
                "2026-10-12T10:00:00", "COMPLETED"))))
                .isEqualTo("line 2: Start '12/10/2026 09:00' is not a local time of the form 2026-10-25T02:30:00");
    }

    @Test
    void an_impossible_date_is_rejected() {
        assertThat(onlyRejection(read(job("1", "1", "gpu_p6", TWO_H100, 3600, "2026-10-12T09:00:00",
                "2026-13-12T10:00:00", "COMPLETED"))))
                .startsWith("line 2: End '2026-13-12T10:00:00' is not a valid date and time");
    }

    @Test
    void an_unknown_start_on_a_job_that_ran_is_rejected() {
        assertThat(onlyRejection(read(job("1", "1", "gpu_p6", TWO_H100, 3600, "Unknown",
                "2026-10-12T10:00:00", "COMPLETED"))))
                .isEqualTo("line 2: Start is 'Unknown' but the job ran for 3600 seconds (ElapsedRaw)");
    }

    @Test
    void no_end_on_a_job_that_ran_is_rejected() {
        assertThat(onlyRejection(read(job("1", "1", "gpu_p6", TWO_H100, 3600, "2026-10-12T09:00:00",
                "None", "TIMEOUT"))))
                .isEqualTo("line 2: End is 'None' but the job ran for 3600 seconds (ElapsedRaw)");
    }

    @Test
    void an_end_before_the_start_is_rejected() {
        assertThat(onlyRejection(read(job("1", "1", "gpu_p6", TWO_H100, 3600, "2026-10-12T10:00:00",
                "2026-10-12T09:00:00", "COMPLETED"))))
                .isEqualTo("line 2: End '2026-10-12T09:00:00' is before Start '2026-10-12T10:00:00' in Europe/Paris");
    }

    @Test
    void an_unknown_state_is_rejected() {
        assertThat(onlyRejection(read(job("1", "1", "gpu_p6", TWO_H100, 3600, "2026-10-12T09:00:00",
                "2026-10-12T10:00:00", "FINISHED"))))
                .isEqualTo("line 2: State 'FINISHED' is not a Slurm job state");
    }

    @Test
    void an_empty_job_id_is_rejected() {
        assertThat(onlyRejection(read(completedJob("", TWO_H100)))).isEqualTo("line 2: JobID is empty");
    }

    @Test
    void a_job_id_raw_that_is_not_a_job_number_is_rejected() {
        assertThat(onlyRejection(read(job("412345", "412345_1", "gpu_p6", TWO_H100, 3600, "2026-10-12T09:00:00",
                "2026-10-12T10:00:00", "COMPLETED"))))
                .isEqualTo("line 2: JobIDRaw '412345_1' is not a Slurm job number");
    }

    @Test
    void a_job_without_account_is_rejected() {
        assertThat(onlyRejection(read(completedJob("1", TWO_H100).replace("nxk@h100", ""))))
                .isEqualTo("line 2: Account is empty on a job that ran");
    }

    @Test
    void an_account_that_is_no_identifier_is_rejected() {
        assertThat(onlyRejection(read(completedJob("1", TWO_H100).replace("nxk@h100", "nxk h100"))))
                .startsWith("line 2: Account 'nxk h100' is not a valid scheduler account");
    }

    @Test
    void a_job_without_user_is_rejected() {
        assertThat(onlyRejection(read(completedJob("1", TWO_H100).replace("ufx12ab", ""))))
                .isEqualTo("line 2: User is empty on a job that ran");
    }

    @Test
    void a_job_without_partition_is_rejected() {
        assertThat(onlyRejection(read(completedJob("1", TWO_H100).replace("gpu_p6", ""))))
                .isEqualTo("line 2: Partition is empty on a job that ran");
    }

    @Test
    void a_job_in_several_partitions_is_rejected() {
        assertThat(onlyRejection(read(completedJob("1", TWO_H100).replace("gpu_p6", "gpu_p5,gpu_p6"))))
                .isEqualTo("line 2: Partition 'gpu_p5,gpu_p6' names several partitions; a job that ran has one");
    }

    @Test
    void a_job_that_ran_without_allocated_resources_is_rejected() {
        assertThat(onlyRejection(read(completedJob("1", ""))))
                .isEqualTo("line 2: AllocTRES is empty on a job that ran: its CPUs, nodes and GPUs are unknown");
    }

    @Test
    void allocated_resources_without_cpus_are_rejected() {
        assertThat(onlyRejection(read(completedJob("1", "gres/gpu=2,mem=4000M,node=1"))))
                .isEqualTo("line 2: AllocTRES 'gres/gpu=2,mem=4000M,node=1' has no cpu= entry (or cpu=0)");
    }

    @Test
    void allocated_resources_without_nodes_are_rejected() {
        assertThat(onlyRejection(read(completedJob("1", "cpu=8,gres/gpu=2,mem=4000M"))))
                .isEqualTo("line 2: AllocTRES 'cpu=8,gres/gpu=2,mem=4000M' has no node= entry (or node=0)");
    }

    @Test
    void an_unreadable_gpu_count_is_rejected() {
        assertThat(onlyRejection(read(completedJob("1", "cpu=8,gres/gpu=two,node=1"))))
                .isEqualTo("line 2: AllocTRES 'cpu=8,gres/gpu=two,node=1' gres/gpu count 'two' is not a whole number");
    }

    @Test
    void an_allocated_resource_entry_without_value_is_rejected() {
        assertThat(onlyRejection(read(completedJob("1", "cpu=8,gres/gpu,node=1"))))
                .isEqualTo("line 2: AllocTRES 'cpu=8,gres/gpu,node=1' entry 'gres/gpu' has no '='");
    }

    @Test
    void a_rejected_line_does_not_stop_the_lines_after_it() {
        List<LineOutcome<SacctJob>> outcomes = read(
                completedJob("1", TWO_H100),
                "garbage",
                completedJob("3", TWO_H100));

        assertThat(outcomes).extracting(outcome -> outcome.getClass().getSimpleName())
                .containsExactly("Read", "Rejected", "Read");
        assertThat(outcomes).extracting(LineOutcome::lineNumber).containsExactly(2L, 3L, 4L);
    }
}
