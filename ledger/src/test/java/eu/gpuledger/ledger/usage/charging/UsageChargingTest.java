package eu.gpuledger.ledger.usage.charging;

import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.directory.LedgerDirectory.PoolEntry;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.ImportSummary;
import eu.gpuledger.ledger.usage.ImportTally;
import eu.gpuledger.ledger.usage.UsagePools;
import eu.gpuledger.ledger.usage.csv.BilledUsage;
import eu.gpuledger.ledger.usage.csv.BilledUsageReader;
import eu.gpuledger.ledger.usage.sacct.SacctJob;
import eu.gpuledger.ledger.usage.sacct.SacctReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class UsageChargingTest {

    private static final Map<String, PoolEntry> JEAN_ZAY_POOLS = Map.of(
            "gpu_p6", UsagePools.GPU_P6, "gpu_p13", UsagePools.GPU_P13, "prepost", UsagePools.PREPOST);

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
        List<ChargedUsage<SacctJob>> charged = new ArrayList<>();
        try (SacctReader reader = SacctReader.open(new StringReader(SACCT), UsagePools.JEAN_ZAY, ZoneId.of("Europe/Paris"));
             Stream<ChargedUsage<SacctJob>> chargeable = UsageCharging.sacctJobs(reader.stream(), UsagePools.JEAN_ZAY,
                     partition -> Optional.ofNullable(JEAN_ZAY_POOLS.get(partition)), tally)) {
            chargeable.forEach(usage -> {
                charged.add(usage);
                tally.countAccepted(usage.decision().gpuSeconds()); // the usage store's part
            });
        }

        assertThat(charged).extracting(usage -> usage.record().jobId(), usage -> usage.decision().rule())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("412345", ChargingRule.GPUS_ALLOCATED),
                        org.assertj.core.groups.Tuple.tuple("412346", ChargingRule.CPU_SHARE));
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
        Map<PoolId, PoolEntry> pools = Map.of(UsagePools.CLOUD_H100.poolId(), UsagePools.CLOUD_H100,
                UsagePools.GPU_P6.poolId(), UsagePools.GPU_P6);
        ImportTally tally = new ImportTally();

        List<ChargedUsage<BilledUsage>> charged;
        try (BilledUsageReader reader = BilledUsageReader.open(new StringReader(csv))) {
            charged = UsageCharging.billedUsage(reader.stream(), pool -> Optional.ofNullable(pools.get(pool)), tally)
                    .toList();
        }

        assertThat(charged).extracting(usage -> usage.record().recordId().value()).containsExactly("inv-1");
        assertThat(tally.summary().rejected()).extracting(ImportSummary.Rejection::reason).containsExactly(
                "pool 'jz-gpu_p6' belongs to provider idris, not to providerId 'sovereign-cloud'",
                "pool 'nowhere' is not a pool the ledger knows");
    }
}
