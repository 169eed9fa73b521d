package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.rate.RateAdded;
import eu.gpuledger.ledger.rate.RateId;
import eu.gpuledger.ledger.rate.RatePerHour;
import eu.gpuledger.ledger.rate.RateUnit;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.NormalisationFactorAdded;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.PriceAdded;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.catalogue.ProviderRegistered;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.ProjectRegistered;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Directory} answers once the events of the catalogue, the projects and the grants are recorded:
 * run against {@link InMemoryDirectory} here, and against {@link LedgerDirectory} on PostgreSQL in the server's
 * tests, so that the fixture tests' directory is the real one's twin. Ids carry a suffix of their own per test: the
 * real directory's database is shared with other tests.
 */
public abstract class DirectoryContract {

    private static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");
    private static final Instant NEXT_JANUARY = Instant.parse("2027-01-01T00:00:00Z");

    private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    private final ProviderId provider = ProviderId.of("idris" + suffix);
    private final ClusterName cluster = ClusterName.of("jean-zay" + suffix);
    private final PoolId pool = PoolId.of("jz-a100" + suffix);
    private final ProjectId project = ProjectId.of("2026-AD011014949" + suffix);

    /** The directory under test. */
    protected abstract Directory directory();

    /** Writes what these events write to the directory (as the directory's updater does in a command). */
    protected abstract void record(Object... events);

    private AllocationGranted granted(String allocation, PoolId on, String account, Instant start, Instant end) {
        return new AllocationGranted(AllocationId.of(allocation + suffix), project, on, FundingSource.GENCI,
                GpuSeconds.ofHours(100), start, end, 25,
                account == null ? null : SchedulerAccount.of(account + suffix));
    }

    private PoolRegistered poolOn(PoolId poolId, String partition) {
        return new PoolRegistered(poolId, provider, cluster, partition, "A100", 8, 64, true);
    }

    @Test
    void a_euro_hpc_hosted_provider_s_ju_share_is_known_and_another_provider_has_none() {
        ProviderId hosting = ProviderId.of("tgcc" + suffix);
        assertThat(directory().juSharePercent(hosting)).isEmpty();

        record(new ProviderRegistered(hosting, "TGCC", ProviderKind.PUBLIC, true, new java.math.BigDecimal("35.5")),
                new ProviderRegistered(provider, "IDRIS", ProviderKind.PUBLIC, false, null));

        assertThat(directory().juSharePercent(hosting)).hasValueSatisfying(
                share -> assertThat(share).isEqualByComparingTo("35.5"));
        assertThat(directory().juSharePercent(provider)).isEmpty();
    }

    @Test
    void a_provider_a_project_and_a_pool_are_known_once_registered() {
        assertThat(directory().providerExists(provider)).isFalse();
        assertThat(directory().projectExists(project)).isFalse();
        assertThat(directory().poolExists(pool)).isFalse();

        record(new ProviderRegistered(provider, "IDRIS", ProviderKind.PUBLIC, false, null),
                new ProjectRegistered(project, "LLM", "A. Turing", "CNRS", Audience.ACADEMIC, "AI",
                        AccessMode.GENCI_DYNAMIC),
                poolOn(pool, "gpu_p5"));

        assertThat(directory().providerExists(provider)).isTrue();
        assertThat(directory().projectExists(project)).isTrue();
        assertThat(directory().poolExists(pool)).isTrue();
    }

    @Test
    void a_job_is_charged_on_the_pool_that_holds_its_partition_with_the_pools_node_shape() {
        assertThat(directory().pool(pool)).isEmpty();
        assertThat(directory().poolOfPartition(cluster, "gpu_p5")).isEmpty();
        record(poolOn(pool, "gpu_p5"));

        PoolEntry expected = new PoolEntry(pool, provider, cluster, "gpu_p5", "A100", 8, 64, true);
        assertThat(directory().pool(pool)).contains(expected);
        assertThat(directory().poolOfPartition(cluster, "gpu_p5")).contains(expected);
        assertThat(directory().poolOfPartition(cluster, "gpu_p13")).as("a partition no pool holds").isEmpty();
        assertThat(directory().poolOfPartition(ClusterName.of("adastra" + suffix), "gpu_p5"))
                .as("the same partition name on another cluster").isEmpty();
    }

    @Test
    void an_allocation_draws_on_the_pool_of_its_grant() {
        AllocationGranted grant = granted("a1", pool, "nxk@a100", JANUARY, NEXT_JANUARY);
        assertThat(directory().poolOfAllocation(grant.allocationId())).isEmpty();
        assertThat(directory().fundingSourceOfAllocation(grant.allocationId())).isEmpty();
        record(poolOn(pool, "gpu_p5"), grant);
        assertThat(directory().poolOfAllocation(grant.allocationId())).contains(pool);
        assertThat(directory().fundingSourceOfAllocation(grant.allocationId())).contains(FundingSource.GENCI);
    }

    @Test
    void a_funder_s_rate_version_on_a_pool_at_an_instant_is_held_by_the_rate_added_there() {
        RateId rate = RateId.of("ju-rate" + suffix);
        assertThat(directory().rateVersionAt(FundingSource.EUROHPC_JU, pool, JANUARY)).isEmpty();
        record(poolOn(pool, "gpu_p5"), new RateAdded(rate, FundingSource.EUROHPC_JU, pool, JANUARY,
                new RatePerHour(RateUnit.GPU_HOUR, new java.math.BigDecimal("1.20"))));

        assertThat(directory().rateVersionAt(FundingSource.EUROHPC_JU, pool, JANUARY)).contains(rate);
        assertThat(directory().rateVersionAt(FundingSource.GENCI, pool, JANUARY)).as("another funder").isEmpty();
        assertThat(directory().rateVersionAt(FundingSource.EUROHPC_JU, pool, JULY)).as("another instant").isEmpty();
    }

    @Test
    void the_factor_and_price_in_force_are_the_latest_versions_not_after_the_instant() {
        record(poolOn(pool, "gpu_p5"),
                new NormalisationFactorAdded(pool, JANUARY, NormalisationFactor.of("2")),
                new NormalisationFactorAdded(pool, JULY, NormalisationFactor.of("2.5")),
                new PriceAdded(pool, JULY, PricePerGpuHour.of("1.20")));

        assertThat(directory().factorInForce(pool, JANUARY.minusSeconds(1))).isEmpty();
        assertThat(directory().factorInForce(pool, JANUARY).orElseThrow().normalisedPerGpuHour())
                .isEqualByComparingTo("2");
        assertThat(directory().factorInForce(pool, JULY.minusSeconds(1)).orElseThrow().normalisedPerGpuHour())
                .isEqualByComparingTo("2");
        assertThat(directory().factorInForce(pool, JULY).orElseThrow().normalisedPerGpuHour())
                .isEqualByComparingTo("2.5");
        assertThat(directory().priceInForce(pool, JANUARY)).isEmpty();
        assertThat(directory().priceInForce(pool, NEXT_JANUARY).orElseThrow().eurPerGpuHour())
                .isEqualByComparingTo("1.20");
    }

    @Test
    void a_grant_overlaps_another_of_its_pool_and_account_whose_half_open_period_meets_its_own() {
        PoolId otherPool = PoolId.of("jz-v100" + suffix);
        AllocationGranted first = granted("first", pool, "nxk@a100", JANUARY, JULY);
        record(poolOn(pool, "gpu_p5"), poolOn(otherPool, "gpu_p13"), first);

        AllocationId second = AllocationId.of("second" + suffix);
        SchedulerAccount account = SchedulerAccount.of("nxk@a100" + suffix);
        assertThat(directory().allocationOverlapping(second, pool, account, JULY.minusSeconds(1), NEXT_JANUARY))
                .contains(first.allocationId());
        assertThat(directory().allocationOverlapping(second, pool, account, JULY, NEXT_JANUARY))
                .as("periods are half-open: one that starts where the other ends does not overlap it").isEmpty();
        assertThat(directory().allocationOverlapping(second, pool, SchedulerAccount.of("other" + suffix), JANUARY,
                JULY)).as("another account").isEmpty();
        assertThat(directory().allocationOverlapping(second, otherPool, account, JANUARY, JULY))
                .as("another pool").isEmpty();
        assertThat(directory().allocationOverlapping(first.allocationId(), pool, account, JANUARY, JULY))
                .as("an allocation does not overlap itself").isEmpty();
    }

    @Test
    void a_grant_without_a_scheduler_account_overlaps_nothing() {
        record(poolOn(pool, "gpu_p5"), granted("api-only", pool, null, JANUARY, JULY));
        assertThat(directory().allocationOverlapping(AllocationId.of("other" + suffix), pool,
                SchedulerAccount.of("nxk@a100" + suffix), JANUARY, JULY)).isEmpty();
    }

    @Test
    void a_partition_is_held_by_the_pool_registered_on_it() {
        assertThat(directory().poolOnPartition(cluster, "gpu_p5")).isEmpty();
        record(poolOn(pool, "gpu_p5"));
        assertThat(directory().poolOnPartition(cluster, "gpu_p5")).contains(pool);
        assertThat(directory().poolOnPartition(cluster, "gpu_p6")).isEmpty();
        assertThat(directory().poolOnPartition(ClusterName.of("adastra" + suffix), "gpu_p5")).isEmpty();
    }
}
