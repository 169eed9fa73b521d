package eu.gpuledger.ledger.usage.charging;

import eu.gpuledger.ledger.directory.PoolEntry;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.UsagePools;
import eu.gpuledger.ledger.usage.sacct.AllocatedResources;
import eu.gpuledger.ledger.usage.sacct.SacctJob;
import eu.gpuledger.ledger.usage.sacct.SacctSamplesForCharging;
import org.junit.jupiter.api.Test;

import static eu.gpuledger.ledger.usage.UsagePools.GPU_P13;
import static eu.gpuledger.ledger.usage.UsagePools.GPU_P6;
import static eu.gpuledger.ledger.usage.UsagePools.PREPOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DOMAIN.md rules 2 and 4 on Jean Zay's shapes: gpu_p6 has 4 H100 and 96 cores a node, gpu_p13 4 V100 and 40. */
class ChargingRulesTest {

    private static final long ONE_HOUR_SECONDS = 3600;

    private static ChargeDecision charge(int gpus, int cpus, int nodes, long elapsedSeconds, PoolEntry pool) {
        return ChargingRules.charge(new AllocatedResources(gpus, cpus, nodes), elapsedSeconds, pool);
    }

    @Test
    void a_job_is_charged_its_gpus_times_its_elapsed_seconds() {
        ChargeDecision decision = charge(2, 48, 1, 3725, GPU_P6);

        assertThat(decision).isEqualTo(new ChargeDecision(ChargingRule.GPUS_ALLOCATED, 2, GpuSeconds.of(7450)));
    }

    @Test
    void a_job_asking_more_than_its_share_of_cpus_is_charged_for_the_gpus_of_that_share() {
        // 1 GPU but 20 of 40 cores: half the node, so 2 of its 4 GPUs.
        ChargeDecision decision = charge(1, 20, 1, ONE_HOUR_SECONDS, GPU_P13);

        assertThat(decision).isEqualTo(new ChargeDecision(ChargingRule.CPU_SHARE, 2, GpuSeconds.of(2 * 3600)));
    }

    @Test
    void a_share_of_cpus_worth_part_of_a_gpu_is_charged_the_whole_gpu() {
        // 11 of 40 cores is 1.1 GPUs' worth: the job holds cores a second GPU would need.
        ChargeDecision decision = charge(1, 11, 1, ONE_HOUR_SECONDS, GPU_P13);

        assertThat(decision).isEqualTo(new ChargeDecision(ChargingRule.CPU_SHARE, 2, GpuSeconds.of(2 * 3600)));
    }

    @Test
    void a_job_within_its_share_of_cpus_is_charged_its_gpus() {
        // Exactly one GPU's share: 10 of 40 cores.
        assertThat(charge(1, 10, 1, ONE_HOUR_SECONDS, GPU_P13).rule()).isEqualTo(ChargingRule.GPUS_ALLOCATED);
    }

    @Test
    void a_job_without_gpus_on_a_gpu_pool_is_charged_the_gpus_of_its_cpu_share() {
        // IDRIS: a CPU-only job on a GPU partition still keeps GPUs from others.
        ChargeDecision decision = charge(0, 4, 1, ONE_HOUR_SECONDS, GPU_P6);

        assertThat(decision).isEqualTo(new ChargeDecision(ChargingRule.CPU_SHARE, 1, GpuSeconds.of(3600)));
    }

    @Test
    void a_multi_node_job_is_charged_whole_nodes() {
        // 2 nodes, 1 GPU and 8 cores on each: both nodes are held.
        ChargeDecision decision = charge(2, 16, 2, ONE_HOUR_SECONDS, GPU_P6);

        assertThat(decision).isEqualTo(new ChargeDecision(ChargingRule.WHOLE_NODES_MULTI_NODE, 8,
                GpuSeconds.of(8 * 3600)));
    }

    @Test
    void an_exclusive_job_is_charged_its_whole_node() {
        // --exclusive: Slurm allocates every core of the node.
        ChargeDecision decision = charge(1, 96, 1, ONE_HOUR_SECONDS, GPU_P6);

        assertThat(decision).isEqualTo(new ChargeDecision(ChargingRule.WHOLE_NODE_EXCLUSIVE, 4,
                GpuSeconds.of(4 * 3600)));
    }

    @Test
    void a_job_counting_hardware_threads_beyond_the_node_cores_is_charged_its_whole_node_not_more() {
        ChargeDecision decision = charge(4, 192, 1, ONE_HOUR_SECONDS, GPU_P6);

        assertThat(decision.chargedGpus()).isEqualTo(4);
        assertThat(decision.rule()).isEqualTo(ChargingRule.WHOLE_NODE_EXCLUSIVE);
    }

    @Test
    void a_job_on_an_uncharged_pool_costs_nothing() {
        ChargeDecision decision = charge(1, 48, 1, ONE_HOUR_SECONDS, PREPOST);

        assertThat(decision).isEqualTo(new ChargeDecision(ChargingRule.UNCHARGED_POOL, 0, GpuSeconds.ZERO));
        assertThat(decision.isCharged()).isFalse();
    }

    @Test
    void a_long_job_on_many_nodes_is_charged_exactly() {
        // 128 nodes for 20 days: 512 GPUs × 1,728,000 s.
        ChargeDecision decision = charge(512, 128 * 96, 128, 20L * 24 * 3600, GPU_P6);

        assertThat(decision.gpuSeconds()).isEqualTo(GpuSeconds.of(884_736_000L));
    }

    @Test
    void a_job_is_charged_on_its_own_pool_only() {
        SacctJob job = SacctSamplesForCharging.jobIn("gpu_p6");

        assertThatThrownBy(() -> ChargingRules.charge(job, GPU_P13))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpu_p13");
    }

    @Test
    void a_cancelled_job_that_ran_is_charged() {
        SacctJob job = SacctSamplesForCharging.cancelledAfterRunning(1800);

        assertThat(ChargingRules.charge(job, UsagePools.GPU_P6).gpuSeconds()).isEqualTo(GpuSeconds.of(2 * 1800));
    }
}
