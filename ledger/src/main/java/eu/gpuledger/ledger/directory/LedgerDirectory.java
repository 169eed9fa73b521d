package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.rate.RateId;
import eu.gpuledger.ledger.statement.StatementId;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_RATE;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_STATEMENT;
import static org.jooq.impl.DSL.max;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.schema.tables.records.DirectoryPoolRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_ALLOCATION;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_CLUSTER;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_POOL;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_POOL_FACTOR;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_POOL_PRICE;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_PROJECT;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_PROVIDER;

/**
 * Read access to the write side's directory: what the ledger knows exists, as of the last committed command (and,
 * inside a command, as of that command's own events). The questions of {@link Directory}, and those of usage
 * charging and expiry.
 */
@Component
public class LedgerDirectory implements Directory {

    /** The first key of the advisory locks that serialise the directory's checks, one namespace per check. */
    private static final int GRANTS_ON_ACCOUNT = 1;
    private static final int POOLS_ON_PARTITION = 2;
    private static final int RATES_OF_FUNDER_ON_POOL = 3;
    private static final int STATEMENT_NUMBERS = 4;

    private final DSLContext sql;

    public LedgerDirectory(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean providerExists(ProviderId providerId) {
        return sql.fetchExists(DIRECTORY_PROVIDER, DIRECTORY_PROVIDER.PROVIDER_ID.eq(providerId.value()));
    }

    @Override
    public Optional<java.math.BigDecimal> juSharePercent(ProviderId providerId) {
        return sql.select(DIRECTORY_PROVIDER.JU_SHARE_PERCENT).from(DIRECTORY_PROVIDER)
                .where(DIRECTORY_PROVIDER.PROVIDER_ID.eq(providerId.value()))
                .and(DIRECTORY_PROVIDER.JU_SHARE_PERCENT.isNotNull())
                .fetchOptional(DIRECTORY_PROVIDER.JU_SHARE_PERCENT);
    }

    @Override
    public boolean projectExists(ProjectId projectId) {
        return sql.fetchExists(DIRECTORY_PROJECT, DIRECTORY_PROJECT.PROJECT_ID.eq(projectId.value()));
    }

    @Override
    public boolean poolExists(PoolId poolId) {
        return sql.fetchExists(DIRECTORY_POOL, DIRECTORY_POOL.POOL_ID.eq(poolId.value()));
    }

    @Override
    public Optional<PoolId> poolOfAllocation(AllocationId allocationId) {
        return sql.select(DIRECTORY_ALLOCATION.POOL_ID).from(DIRECTORY_ALLOCATION)
                .where(DIRECTORY_ALLOCATION.ALLOCATION_ID.eq(allocationId.value()))
                .fetchOptional(DIRECTORY_ALLOCATION.POOL_ID)
                .map(PoolId::of);
    }

    /** The provider a declared cluster belongs to; empty when the cluster is not declared. */
    public Optional<ProviderId> providerOfCluster(ClusterName cluster) {
        return sql.select(DIRECTORY_CLUSTER.PROVIDER_ID).from(DIRECTORY_CLUSTER)
                .where(DIRECTORY_CLUSTER.CLUSTER.eq(cluster.value()))
                .fetchOptional(DIRECTORY_CLUSTER.PROVIDER_ID)
                .map(ProviderId::of);
    }

    /** Whose an allocation is: the provider of its pool and its project; empty when the allocation is not known. */
    public Optional<AllocationOwners> ownersOfAllocation(AllocationId allocationId) {
        return sql.select(DIRECTORY_POOL.PROVIDER_ID, DIRECTORY_ALLOCATION.PROJECT_ID).from(DIRECTORY_ALLOCATION)
                .join(DIRECTORY_POOL).on(DIRECTORY_POOL.POOL_ID.eq(DIRECTORY_ALLOCATION.POOL_ID))
                .where(DIRECTORY_ALLOCATION.ALLOCATION_ID.eq(allocationId.value()))
                .fetchOptional(row -> new AllocationOwners(ProviderId.of(row.value1()), ProjectId.of(row.value2())));
    }

    /** The provider whose pool an allocation draws on, and the project it is granted to. */
    public record AllocationOwners(ProviderId provider, ProjectId project) {
    }

    public Optional<ZoneId> clusterTimeZone(ClusterName cluster) {
        return sql.select(DIRECTORY_CLUSTER.TIME_ZONE).from(DIRECTORY_CLUSTER)
                .where(DIRECTORY_CLUSTER.CLUSTER.eq(cluster.value()))
                .fetchOptional(DIRECTORY_CLUSTER.TIME_ZONE)
                .map(ZoneId::of);
    }

    @Override
    public Optional<PoolEntry> pool(PoolId poolId) {
        return sql.selectFrom(DIRECTORY_POOL).where(DIRECTORY_POOL.POOL_ID.eq(poolId.value()))
                .fetchOptional(LedgerDirectory::toPool);
    }

    @Override
    public Optional<PoolEntry> poolOfPartition(ClusterName cluster, String partition) {
        return sql.selectFrom(DIRECTORY_POOL)
                .where(DIRECTORY_POOL.CLUSTER.eq(cluster.value()).and(DIRECTORY_POOL.PARTITION.eq(partition)))
                .fetchOptional(LedgerDirectory::toPool);
    }

    public List<PoolEntry> pools() {
        return sql.selectFrom(DIRECTORY_POOL).fetch(LedgerDirectory::toPool);
    }

    @Override
    public Optional<NormalisationFactor> factorInForce(PoolId poolId, Instant at) {
        return sql.select(DIRECTORY_POOL_FACTOR.NORMALISED_PER_GPU_HOUR).from(DIRECTORY_POOL_FACTOR)
                .where(DIRECTORY_POOL_FACTOR.POOL_ID.eq(poolId.value()))
                .and(DIRECTORY_POOL_FACTOR.EFFECTIVE_FROM.le(at))
                .orderBy(DIRECTORY_POOL_FACTOR.EFFECTIVE_FROM.desc()).limit(1)
                .fetchOptional(DIRECTORY_POOL_FACTOR.NORMALISED_PER_GPU_HOUR)
                .map(NormalisationFactor::new);
    }

    @Override
    public Optional<PricePerGpuHour> priceInForce(PoolId poolId, Instant at) {
        return sql.select(DIRECTORY_POOL_PRICE.EUR_PER_GPU_HOUR).from(DIRECTORY_POOL_PRICE)
                .where(DIRECTORY_POOL_PRICE.POOL_ID.eq(poolId.value()))
                .and(DIRECTORY_POOL_PRICE.EFFECTIVE_FROM.le(at))
                .orderBy(DIRECTORY_POOL_PRICE.EFFECTIVE_FROM.desc()).limit(1)
                .fetchOptional(DIRECTORY_POOL_PRICE.EUR_PER_GPU_HOUR)
                .map(PricePerGpuHour::new);
    }

    @Override
    public Optional<AllocationId> allocationOverlapping(AllocationId allocationId, PoolId poolId,
                                                        SchedulerAccount account, Instant periodStart,
                                                        Instant periodEnd) {
        lock(GRANTS_ON_ACCOUNT, poolId.value() + "|" + account.value());
        return sql.select(DIRECTORY_ALLOCATION.ALLOCATION_ID).from(DIRECTORY_ALLOCATION)
                .where(DIRECTORY_ALLOCATION.POOL_ID.eq(poolId.value()))
                .and(DIRECTORY_ALLOCATION.SCHEDULER_ACCOUNT.eq(account.value()))
                .and(DIRECTORY_ALLOCATION.ALLOCATION_ID.ne(allocationId.value()))
                .and(DIRECTORY_ALLOCATION.PERIOD_START.lt(periodEnd))
                .and(DIRECTORY_ALLOCATION.PERIOD_END.gt(periodStart))
                .limit(1)
                .fetchOptional(DIRECTORY_ALLOCATION.ALLOCATION_ID)
                .map(AllocationId::of);
    }

    @Override
    public Optional<RateId> rateVersionAt(FundingSource funder, PoolId poolId, Instant effectiveFrom) {
        lock(RATES_OF_FUNDER_ON_POOL, funder.name() + "|" + poolId.value());
        return sql.select(DIRECTORY_RATE.RATE_ID).from(DIRECTORY_RATE)
                .where(DIRECTORY_RATE.FUNDER.eq(funder.name()))
                .and(DIRECTORY_RATE.POOL_ID.eq(poolId.value()))
                .and(DIRECTORY_RATE.EFFECTIVE_FROM.eq(effectiveFrom))
                .fetchOptional(DIRECTORY_RATE.RATE_ID)
                .map(RateId::of);
    }

    @Override
    public Optional<FundingSource> fundingSourceOfAllocation(AllocationId allocationId) {
        return sql.select(DIRECTORY_ALLOCATION.FUNDING_SOURCE).from(DIRECTORY_ALLOCATION)
                .where(DIRECTORY_ALLOCATION.ALLOCATION_ID.eq(allocationId.value()))
                .fetchOptional(DIRECTORY_ALLOCATION.FUNDING_SOURCE)
                .map(FundingSource::valueOf);
    }

    @Override
    public int nextStatementNumber(FundingSource funder, int year) {
        lock(STATEMENT_NUMBERS, funder.name() + "|" + year);
        Integer largest = sql.select(max(DIRECTORY_STATEMENT.SEQUENCE)).from(DIRECTORY_STATEMENT)
                .where(DIRECTORY_STATEMENT.FUNDER.eq(funder.name()))
                .and(DIRECTORY_STATEMENT.ISSUED_YEAR.eq(year))
                .fetchOne(0, Integer.class);
        return largest == null ? 1 : Math.addExact(largest, 1);
    }

    /** The funder a drafted statement is for, for who may issue or cancel it; empty when it is not known. */
    public Optional<FundingSource> funderOfStatement(StatementId statementId) {
        return sql.select(DIRECTORY_STATEMENT.FUNDER).from(DIRECTORY_STATEMENT)
                .where(DIRECTORY_STATEMENT.STATEMENT_ID.eq(statementId.value()))
                .fetchOptional(DIRECTORY_STATEMENT.FUNDER)
                .map(FundingSource::valueOf);
    }

    @Override
    public Optional<PoolId> poolOnPartition(ClusterName cluster, String partition) {
        lock(POOLS_ON_PARTITION, cluster.value() + "|" + partition);
        return poolOfPartition(cluster, partition).map(PoolEntry::poolId);
    }

    /**
     * A PostgreSQL advisory lock held until the transaction ends: the check and the directory row of the command's
     * own event (written by {@link DirectoryUpdater} in the same transaction) are then one step for every other
     * command that takes the same lock. Outside a transaction it is released at once, as nothing then needs it.
     */
    private void lock(int check, String key) {
        sql.execute("SELECT pg_advisory_xact_lock(?, hashtext(?))", check, key);
    }

    /** Allocations whose period has ended and that have not expired yet, oldest first, at most {@code limit}. */
    public List<AllocationId> dueForExpiry(Instant now, int limit) {
        return sql.select(DIRECTORY_ALLOCATION.ALLOCATION_ID).from(DIRECTORY_ALLOCATION)
                .where(DIRECTORY_ALLOCATION.EXPIRED.isFalse())
                .and(DIRECTORY_ALLOCATION.PERIOD_END.le(now))
                .orderBy(DIRECTORY_ALLOCATION.PERIOD_END).limit(limit)
                .fetch(DIRECTORY_ALLOCATION.ALLOCATION_ID).stream().map(AllocationId::of).toList();
    }

    private static PoolEntry toPool(DirectoryPoolRecord row) {
        return new PoolEntry(PoolId.of(row.getPoolId()), ProviderId.of(row.getProviderId()),
                ClusterName.of(row.getCluster()), row.getPartition(), row.getGpuModel(), row.getGpusPerNode(),
                row.getCpusPerNode(), row.getCharged());
    }
}
