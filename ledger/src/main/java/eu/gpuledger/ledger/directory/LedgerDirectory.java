package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

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

    private final DSLContext sql;

    public LedgerDirectory(DSLContext sql) {
        this.sql = sql;
    }

    /** A pool as the charging rules need it. */
    public record PoolEntry(PoolId poolId, ProviderId providerId, ClusterName cluster, String partition,
                            String gpuModel, int gpusPerNode, int cpusPerNode, boolean charged) {
    }

    @Override
    public boolean providerExists(ProviderId providerId) {
        return sql.fetchExists(table("directory_provider"), field("provider_id").eq(providerId.value()));
    }

    @Override
    public boolean projectExists(ProjectId projectId) {
        return sql.fetchExists(table("directory_project"), field("project_id").eq(projectId.value()));
    }

    public boolean allocationExists(AllocationId allocationId) {
        return sql.fetchExists(table("directory_allocation"), field("allocation_id").eq(allocationId.value()));
    }

    @Override
    public boolean poolExists(PoolId poolId) {
        return sql.fetchExists(table("directory_pool"), field("pool_id").eq(poolId.value()));
    }

    @Override
    public Optional<PoolId> poolOfAllocation(AllocationId allocationId) {
        return sql.select(field("pool_id", String.class)).from(table("directory_allocation"))
                .where(field("allocation_id").eq(allocationId.value()))
                .fetchOptional(0, String.class)
                .map(PoolId::of);
    }

    public Optional<ZoneId> clusterTimeZone(ClusterName cluster) {
        return sql.select(field("time_zone", String.class)).from(table("directory_cluster"))
                .where(field("cluster").eq(cluster.value()))
                .fetchOptional(0, String.class)
                .map(ZoneId::of);
    }

    public Optional<PoolEntry> pool(PoolId poolId) {
        return sql.select().from(table("directory_pool")).where(field("pool_id").eq(poolId.value()))
                .fetchOptional(LedgerDirectory::toPool);
    }

    public Optional<PoolEntry> poolOfPartition(ClusterName cluster, String partition) {
        return sql.select().from(table("directory_pool"))
                .where(field("cluster").eq(cluster.value()).and(field("partition").eq(partition)))
                .fetchOptional(LedgerDirectory::toPool);
    }

    public List<PoolEntry> pools() {
        return sql.select().from(table("directory_pool")).fetch(LedgerDirectory::toPool);
    }

    @Override
    public Optional<NormalisationFactor> factorInForce(PoolId poolId, Instant at) {
        return sql.select(field("normalised_per_gpu_hour", BigDecimal.class)).from(table("directory_pool_factor"))
                .where(field("pool_id").eq(poolId.value()))
                .and(field("effective_from", OffsetDateTime.class).le(DirectoryUpdater.utc(at)))
                .orderBy(field("effective_from").desc()).limit(1)
                .fetchOptional(0, BigDecimal.class)
                .map(NormalisationFactor::new);
    }

    @Override
    public Optional<PricePerGpuHour> priceInForce(PoolId poolId, Instant at) {
        return sql.select(field("eur_per_gpu_hour", BigDecimal.class)).from(table("directory_pool_price"))
                .where(field("pool_id").eq(poolId.value()))
                .and(field("effective_from", OffsetDateTime.class).le(DirectoryUpdater.utc(at)))
                .orderBy(field("effective_from").desc()).limit(1)
                .fetchOptional(0, BigDecimal.class)
                .map(PricePerGpuHour::new);
    }

    @Override
    public Optional<AllocationId> allocationOverlapping(AllocationId allocationId, PoolId poolId,
                                                        SchedulerAccount account, Instant periodStart,
                                                        Instant periodEnd) {
        lock(GRANTS_ON_ACCOUNT, poolId.value() + "|" + account.value());
        return sql.select(field("allocation_id", String.class)).from(table("directory_allocation"))
                .where(field("pool_id").eq(poolId.value()))
                .and(field("scheduler_account").eq(account.value()))
                .and(field("allocation_id").ne(allocationId.value()))
                .and(field("period_start", OffsetDateTime.class).lt(DirectoryUpdater.utc(periodEnd)))
                .and(field("period_end", OffsetDateTime.class).gt(DirectoryUpdater.utc(periodStart)))
                .limit(1)
                .fetchOptional(0, String.class)
                .map(AllocationId::of);
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

    /** DOMAIN.md rule 1: the allocation of this pool and account whose period holds the job's end time. */
    public Optional<AllocationId> allocationCharged(PoolId poolId, SchedulerAccount account, Instant effectiveAt) {
        OffsetDateTime at = DirectoryUpdater.utc(effectiveAt);
        return sql.select(field("allocation_id", String.class)).from(table("directory_allocation"))
                .where(field("pool_id").eq(poolId.value()))
                .and(field("scheduler_account").eq(account.value()))
                .and(field("period_start", OffsetDateTime.class).le(at))
                .and(field("period_end", OffsetDateTime.class).gt(at))
                .fetchOptional(0, String.class)
                .map(AllocationId::of);
    }

    /** Allocations whose period has ended and that have not expired yet, oldest first, at most {@code limit}. */
    public List<AllocationId> dueForExpiry(Instant now, int limit) {
        return sql.select(field("allocation_id", String.class)).from(table("directory_allocation"))
                .where(field("expired", Boolean.class).isFalse())
                .and(field("period_end", OffsetDateTime.class).le(DirectoryUpdater.utc(now)))
                .orderBy(field("period_end")).limit(limit)
                .fetch(0, String.class).stream().map(AllocationId::of).toList();
    }

    private static PoolEntry toPool(Record row) {
        return new PoolEntry(PoolId.of(row.get("pool_id", String.class)),
                ProviderId.of(row.get("provider_id", String.class)),
                ClusterName.of(row.get("cluster", String.class)),
                row.get("partition", String.class), row.get("gpu_model", String.class),
                row.get("gpus_per_node", Integer.class), row.get("cpus_per_node", Integer.class),
                row.get("charged", Boolean.class));
    }
}
