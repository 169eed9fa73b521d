package eu.gpuledger.ledger.usage.charging;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.IgnoredReason;
import eu.gpuledger.ledger.usage.ImportSummary;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.ReportedUsage;
import eu.gpuledger.ledger.usage.UsagePools;
import eu.gpuledger.ledger.usage.UsageRecord;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.ledger.usage.csv.BilledUsageReader;
import eu.gpuledger.ledger.usage.sacct.SacctReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The charging rules on the command side: a reported job joined to its pool, charged, ignored or refused. */
public class UsageChargingTest {

    /** A day of Jean Zay accounting, as {@code sacct -P -a} prints it, steps included. */
    private static final String SACCT = """
            JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State
            412345|412345|nxk@h100|ufx12ab|gpu_p6|billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1|3600|2026-10-12T09:00:00|2026-10-12T10:00:00|COMPLETED
            412345.batch|412345.batch|nxk@h100|||cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1|3600|2026-10-12T09:00:00|2026-10-12T10:00:00|COMPLETED
            412345.extern|412345.extern|nxk@h100|||billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1|3600|2026-10-12T09:00:00|2026-10-12T10:00:00|COMPLETED
            412346|412346|nxk@v100|ufx12ab|gpu_p13|billing=20,cpu=20,gres/gpu:v100=1,gres/gpu=1,mem=40G,node=1|600|2026-10-12T09:00:00|2026-10-12T09:10:00|CANCELLED by 123456
            412347|412347|nxk@v100|ufx12ab|prepost|billing=4,cpu=4,mem=16G,node=1|900|2026-10-12T09:00:00|2026-10-12T09:15:00|COMPLETED
            412348|412348|nxk@h100|ufx12ab|gpu_p6|billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1|120|2026-10-12T09:00:00|Unknown|RUNNING
            412349|412349|nxk@h100|ufx12ab|gpu_p6||0|Unknown|Unknown|PENDING
            412350|412350|nxk@h100|ufx12ab|gpu_p6||0|None|2026-10-12T09:00:00|CANCELLED by 0
            412351|412351|nxk@cpu|ufx12ab|cpu_p1|billing=40,cpu=40,mem=160G,node=1|3600|2026-10-12T09:00:00|2026-10-12T10:00:00|COMPLETED
            412352|412352|nxk@h100|ufx12ab|gpu_p6|billing=8,cpu=8,gres/gpu=2,node=1|abc|2026-10-12T09:00:00|2026-10-12T10:00:00|COMPLETED
            """;

    @Test
    void an_import_answers_with_what_was_charged_ignored_and_rejected() {
        ImportTally tally = new ImportTally();
        List<UsageRecord> charged;
        try (SacctReader reader = SacctReader.open(new StringReader(SACCT), UsagePools.JEAN_ZAY, ZoneId.of("Europe/Paris"))) {
            charged = chargeAll(reader.stream(), job -> new ReportedUsage.SlurmJob(job.lineNumber(), job.record()), tally);
        }

        assertThat(charged).extracting(UsageRecord::jobId, UsageRecord::poolId, UsageRecord::chargedGpus)
                .containsExactly(
                        tuple("412345", UsagePools.GPU_P6.poolId(), 2),
                        tuple("412346", UsagePools.GPU_P13.poolId(), 2));
        ImportSummary summary = tally.summary();
        assertThat(summary.accepted()).isEqualTo(2);
        assertThat(summary.ignored()).isEqualTo(new ImportSummary.Ignored(2, 1, 1, 2));
        assertThat(summary.rejected()).containsExactly(
                new ImportSummary.Rejection(10, "Partition 'cpu_p1' is not a pool of cluster jean-zay"
                        + " (declare it, with charged false if it is never charged)"),
                new ImportSummary.Rejection(11, "ElapsedRaw 'abc' is not a whole number of seconds"));
        assertThat(summary.rejectedTotal()).isEqualTo(2);
        // 2 H100 × 3600 s + 2 V100 (20 of 40 cores) × 600 s
        assertThat(summary.chargedGpuSeconds()).isEqualTo(GpuSeconds.of(2 * 3600 + 2 * 600));
    }

    @Test
    void a_billed_record_on_a_pool_of_another_provider_is_rejected() {
        String csv = """
                recordId,providerId,account,pool,user,gpus,start,end,billedMinutes
                inv-1,sovereign-cloud,acme-ai,cloud-h100,alice,8,2026-10-12T07:00:00Z,2026-10-12T09:30:00Z,150
                inv-2,sovereign-cloud,acme-ai,jz-gpu_p6,alice,8,2026-10-12T07:00:00Z,2026-10-12T09:30:00Z,150
                inv-3,sovereign-cloud,acme-ai,nowhere,alice,8,2026-10-12T07:00:00Z,2026-10-12T09:30:00Z,150
                """;
        ImportTally tally = new ImportTally();

        List<UsageRecord> charged;
        try (BilledUsageReader reader = BilledUsageReader.open(new StringReader(csv))) {
            charged = chargeAll(reader.stream(), usage -> new ReportedUsage.Billed(usage.lineNumber(), usage.record()),
                    tally);
        }

        assertThat(charged).extracting(record -> record.recordId().value()).containsExactly("inv-1");
        assertThat(charged.getFirst().gpuSeconds()).as("8 GPUs billed 150 minutes").isEqualTo(GpuSeconds.of(8 * 150 * 60));
        assertThat(tally.summary().rejected()).extracting(ImportSummary.Rejection::reason).containsExactly(
                "pool 'jz-gpu_p6' belongs to provider idris, not to providerId 'sovereign-cloud'",
                "pool 'nowhere' is not a pool the ledger knows");
    }

    @Test
    void a_posted_record_is_charged_its_gpus_times_its_seconds_on_the_pool_of_its_partition() {
        UsageCharging charging = new UsageCharging(UsagePools.directory());

        assertThat(charging.charge(measured(1, "gpu_p6", 3, 600, null)))
                .isInstanceOfSatisfying(UsageCharging.Outcome.Chargeable.class, chargeable -> {
                    assertThat(chargeable.record().poolId()).isEqualTo(UsagePools.GPU_P6.poolId());
                    assertThat(chargeable.record().gpuSeconds()).isEqualTo(GpuSeconds.of(3 * 600));
                });
        assertThat(charging.charge(measured(2, "prepost", 1, 600, null)))
                .isEqualTo(new UsageCharging.Outcome.Ignored(IgnoredReason.UNCHARGED_POOL));
        assertThat(charging.charge(measured(3, "gpu_p6", 1, 0, null)))
                .isEqualTo(new UsageCharging.Outcome.Ignored(IgnoredReason.ZERO_ELAPSED));
        assertThat(charging.charge(measured(4, "gpu_p99", 1, 600, null)))
                .isEqualTo(new UsageCharging.Outcome.Refused("partition gpu_p99 of cluster jean-zay is not a pool"
                        + " of the catalogue"));
        assertThat(charging.charge(measured(5, "gpu_p6", 1, 600, UsagePools.CLOUD)))
                .isEqualTo(new UsageCharging.Outcome.Refused("providerId sovereign-cloud is not the provider of pool"
                        + " jz-gpu_p6 (idris)"));
    }

    @Test
    void a_whole_node_charge_past_the_most_gpus_of_one_job_is_refused() {
        String sacct = "JobID|JobIDRaw|Account|User|Partition|AllocTRES|ElapsedRaw|Start|End|State\n"
                + "512345|512345|nxk@h100|ufx12ab|gpu_p6|billing=8,cpu=8,gres/gpu=2,node=" + (LedgerLimits.JOB_GPUS_MAX / 4 + 1)
                + "|3600|2026-10-12T09:00:00|2026-10-12T10:00:00|COMPLETED\n";
        ImportTally tally = new ImportTally();
        try (SacctReader reader = SacctReader.open(new StringReader(sacct), UsagePools.JEAN_ZAY, ZoneId.of("Europe/Paris"))) {
            assertThat(chargeAll(reader.stream(), job -> new ReportedUsage.SlurmJob(job.lineNumber(), job.record()),
                    tally)).isEmpty();
        }
        assertThat(tally.summary().rejected()).extracting(ImportSummary.Rejection::reason).singleElement()
                .asString().contains("whole nodes of pool jz-gpu_p6").contains("GPUs for one job");
    }

    private static ReportedUsage.Measured measured(int job, String partition, int gpus, long seconds,
                                                   ProviderId provider) {
        Instant end = Instant.parse("2026-10-12T10:00:00Z");
        return new ReportedUsage.Measured(job, UsageRecordId.of("jean-zay:" + job), UsagePools.JEAN_ZAY, partition,
                Integer.toString(job), SchedulerAccount.of("nxk@h100"), "ufx12ab", gpus, seconds,
                end.minusSeconds(seconds), end, provider);
    }

    /**
     * What an import does with a reader's lines, without the usage store: the reader's own outcomes counted at once,
     * the jobs it read charged on the command side, and what they cost counted as accepted.
     */
    public static <T> List<UsageRecord> chargeAll(Stream<LineOutcome<T>> outcomes,
                                           Function<LineOutcome.Read<T>, ReportedUsage> report, ImportTally tally) {
        UsageCharging charging = new UsageCharging(UsagePools.directory());
        List<UsageRecord> charged = new ArrayList<>();
        outcomes.forEach(outcome -> {
            if (!(outcome instanceof LineOutcome.Read<T> read)) {
                tally.count(outcome);
                return;
            }
            ReportedUsage reported = report.apply(read);
            switch (charging.charge(reported)) {
                case UsageCharging.Outcome.Chargeable(UsageRecord record) -> {
                    charged.add(record);
                    tally.countAccepted(record.gpuSeconds()); // the usage store's part
                }
                case UsageCharging.Outcome.Ignored(IgnoredReason reason) -> tally.countIgnored(reason);
                case UsageCharging.Outcome.Refused(String reason) -> tally.countRejected(reported.line(), reason);
            }
        });
        return charged;
    }
}
