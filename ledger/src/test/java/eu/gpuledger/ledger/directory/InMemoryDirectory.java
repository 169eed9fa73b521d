package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.rate.RateAdded;
import eu.gpuledger.ledger.rate.RateId;
import eu.gpuledger.ledger.statement.StatementIssued;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.NormalisationFactorAdded;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.PriceAdded;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderRegistered;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.ProjectRegistered;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The directory in memory, for fixture tests: fed the events that {@link DirectoryUpdater} writes to the directory
 * tables, it answers {@link Directory}'s questions as {@link LedgerDirectory} does over them; {@link DirectoryContract}
 * holds both to the same answers (the jOOQ one in the server's tests, on PostgreSQL). Nothing to lock: fixture
 * tests run one command at a time.
 */
public final class InMemoryDirectory implements Directory {

    private final Set<ProviderId> providers = new HashSet<>();
    private final Map<ProviderId, java.math.BigDecimal> juShares = new HashMap<>();
    private final Set<ProjectId> projects = new HashSet<>();
    private final Map<PoolId, PoolRegistered> pools = new HashMap<>();
    private final Map<PoolId, TreeMap<Instant, NormalisationFactor>> factors = new HashMap<>();
    private final Map<PoolId, TreeMap<Instant, PricePerGpuHour>> prices = new HashMap<>();
    private final Map<AllocationId, AllocationGranted> allocations = new HashMap<>();
    private final Map<String, RateId> rateVersions = new HashMap<>();
    private final Map<String, Integer> statementNumbers = new HashMap<>();

    /** Takes in what the events of a command wrote to the directory; other events change nothing. */
    public InMemoryDirectory record(Object... events) {
        for (Object event : events) {
            switch (event) {
                case ProviderRegistered e -> {
                    providers.add(e.providerId());
                    if (e.juSharePercent() != null) {
                        juShares.putIfAbsent(e.providerId(), e.juSharePercent());
                    }
                }
                case ProjectRegistered e -> projects.add(e.projectId());
                case PoolRegistered e -> pools.putIfAbsent(e.poolId(), e);
                case NormalisationFactorAdded e -> factors.computeIfAbsent(e.poolId(), pool -> new TreeMap<>())
                        .putIfAbsent(e.effectiveFrom(), e.factor());
                case PriceAdded e -> prices.computeIfAbsent(e.poolId(), pool -> new TreeMap<>())
                        .putIfAbsent(e.effectiveFrom(), e.price());
                case AllocationGranted e -> allocations.putIfAbsent(e.allocationId(), e);
                case StatementIssued e -> statementNumbers.merge(e.funder() + "|" + e.year(), e.sequence(), Math::max);
                case RateAdded e -> rateVersions.putIfAbsent(rateVersionKey(e.funder(), e.poolId(), e.effectiveFrom()),
                        e.rateId());
                default -> {
                    // what else the directory keeps (clusters' time zones, expiries) Directory does not ask about
                }
            }
        }
        return this;
    }

    @Override
    public boolean providerExists(ProviderId providerId) {
        return providers.contains(providerId);
    }

    @Override
    public java.util.Optional<java.math.BigDecimal> juSharePercent(ProviderId providerId) {
        return java.util.Optional.ofNullable(juShares.get(providerId));
    }

    @Override
    public boolean projectExists(ProjectId projectId) {
        return projects.contains(projectId);
    }

    @Override
    public boolean poolExists(PoolId poolId) {
        return pools.containsKey(poolId);
    }

    @Override
    public Optional<PoolEntry> pool(PoolId poolId) {
        return Optional.ofNullable(pools.get(poolId)).map(InMemoryDirectory::entry);
    }

    @Override
    public Optional<PoolEntry> poolOfPartition(ClusterName cluster, String partition) {
        return pools.values().stream()
                .filter(pool -> pool.cluster().equals(cluster) && pool.partition().equals(partition))
                .findFirst().map(InMemoryDirectory::entry);
    }

    private static PoolEntry entry(PoolRegistered pool) {
        return new PoolEntry(pool.poolId(), pool.providerId(), pool.cluster(), pool.partition(), pool.gpuModel(),
                pool.gpusPerNode(), pool.cpusPerNode(), pool.charged());
    }

    @Override
    public Optional<PoolId> poolOfAllocation(AllocationId allocationId) {
        return Optional.ofNullable(allocations.get(allocationId)).map(AllocationGranted::poolId);
    }

    @Override
    public Optional<NormalisationFactor> factorInForce(PoolId poolId, Instant at) {
        return inForce(factors.get(poolId), at);
    }

    @Override
    public Optional<PricePerGpuHour> priceInForce(PoolId poolId, Instant at) {
        return inForce(prices.get(poolId), at);
    }

    private static <T> Optional<T> inForce(TreeMap<Instant, T> versions, Instant at) {
        return Optional.ofNullable(versions).map(known -> known.floorEntry(at)).map(Map.Entry::getValue);
    }

    @Override
    public Optional<AllocationId> allocationOverlapping(AllocationId allocationId, PoolId poolId,
                                                        SchedulerAccount account, Instant periodStart,
                                                        Instant periodEnd) {
        return allocations.values().stream()
                .filter(other -> other.poolId().equals(poolId) && account.equals(other.schedulerAccount()))
                .filter(other -> !other.allocationId().equals(allocationId))
                .filter(other -> other.periodStart().isBefore(periodEnd) && other.periodEnd().isAfter(periodStart))
                .map(AllocationGranted::allocationId)
                .findFirst();
    }

    @Override
    public Optional<PoolId> poolOnPartition(ClusterName cluster, String partition) {
        return poolOfPartition(cluster, partition).map(PoolEntry::poolId);
    }

    @Override
    public Optional<RateId> rateVersionAt(FundingSource funder, PoolId poolId, Instant effectiveFrom) {
        return Optional.ofNullable(rateVersions.get(rateVersionKey(funder, poolId, effectiveFrom)));
    }

    private static String rateVersionKey(FundingSource funder, PoolId poolId, Instant effectiveFrom) {
        return funder + "|" + poolId.value() + "|" + effectiveFrom;
    }

    @Override
    public int nextStatementNumber(FundingSource funder, int year) {
        return statementNumbers.getOrDefault(funder + "|" + year, 0) + 1;
    }

    @Override
    public Optional<FundingSource> fundingSourceOfAllocation(AllocationId allocationId) {
        return Optional.ofNullable(allocations.get(allocationId)).map(AllocationGranted::fundingSource);
    }
}
