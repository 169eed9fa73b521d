package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.rate.RateAdded;
import eu.gpuledger.ledger.statement.StatementDrafted;
import eu.gpuledger.ledger.statement.StatementIssued;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_STATEMENT;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_RATE;

import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.catalogue.ClusterDeclared;
import eu.gpuledger.ledger.catalogue.ClusterTimeZoneCorrected;
import eu.gpuledger.ledger.catalogue.NormalisationFactorAdded;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.PriceAdded;
import eu.gpuledger.ledger.catalogue.ProviderRegistered;
import eu.gpuledger.ledger.project.ProjectRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_ALLOCATION;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_CLUSTER;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_POOL;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_POOL_FACTOR;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_POOL_PRICE;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_PROJECT;
import static eu.gpuledger.ledger.schema.Tables.DIRECTORY_PROVIDER;

/**
 * Keeps the directory tables in the same transaction as the events that change them: it runs in a subscribing
 * processor, so a command whose directory write fails is rolled back whole, events included. It only writes rows:
 * the rules that read them (an overlapping grant, a partition already pooled) refuse before anything is applied,
 * in the command handlers ({@link Directory}).
 */
@Component
@ProcessingGroup(DirectoryUpdater.PROCESSING_GROUP)
public class DirectoryUpdater {

    public static final String PROCESSING_GROUP = "directory";

    private final DSLContext sql;

    public DirectoryUpdater(DSLContext sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(ProviderRegistered event) {
        sql.insertInto(DIRECTORY_PROVIDER)
                .set(DIRECTORY_PROVIDER.PROVIDER_ID, event.providerId().value())
                .set(DIRECTORY_PROVIDER.KIND, event.kind().name())
                .set(DIRECTORY_PROVIDER.EURO_HPC_HOSTED, event.euroHpcHosted())
                .set(DIRECTORY_PROVIDER.JU_SHARE_PERCENT, event.juSharePercent())
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(ClusterDeclared event) {
        sql.insertInto(DIRECTORY_CLUSTER)
                .set(DIRECTORY_CLUSTER.CLUSTER, event.cluster().value())
                .set(DIRECTORY_CLUSTER.PROVIDER_ID, event.providerId().value())
                .set(DIRECTORY_CLUSTER.TIME_ZONE, event.timeZone().getId())
                .onConflictDoNothing()
                .execute();
    }

    /** The imports read after the correction take the cluster's local times in its new zone. */
    @EventHandler
    void on(ClusterTimeZoneCorrected event) {
        sql.update(DIRECTORY_CLUSTER)
                .set(DIRECTORY_CLUSTER.TIME_ZONE, event.timeZone().getId())
                .where(DIRECTORY_CLUSTER.CLUSTER.eq(event.cluster().value()))
                .execute();
    }

    /**
     * The pool's partition was checked free before the event was applied ({@link Directory#poolOnPartition}); the
     * table's unique (cluster, partition) is the backstop, so only a replay of the same pool is passed over here.
     */
    @EventHandler
    void on(PoolRegistered event) {
        sql.insertInto(DIRECTORY_POOL)
                .set(DIRECTORY_POOL.POOL_ID, event.poolId().value())
                .set(DIRECTORY_POOL.PROVIDER_ID, event.providerId().value())
                .set(DIRECTORY_POOL.CLUSTER, event.cluster().value())
                .set(DIRECTORY_POOL.PARTITION, event.partition())
                .set(DIRECTORY_POOL.GPU_MODEL, event.gpuModel())
                .set(DIRECTORY_POOL.GPUS_PER_NODE, event.gpusPerNode())
                .set(DIRECTORY_POOL.CPUS_PER_NODE, event.cpusPerNode())
                .set(DIRECTORY_POOL.CHARGED, event.charged())
                .onConflict(DIRECTORY_POOL.POOL_ID).doNothing()
                .execute();
    }

    @EventHandler
    void on(NormalisationFactorAdded event) {
        sql.insertInto(DIRECTORY_POOL_FACTOR)
                .set(DIRECTORY_POOL_FACTOR.POOL_ID, event.poolId().value())
                .set(DIRECTORY_POOL_FACTOR.EFFECTIVE_FROM, event.effectiveFrom())
                .set(DIRECTORY_POOL_FACTOR.NORMALISED_PER_GPU_HOUR, event.factor().normalisedPerGpuHour())
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(PriceAdded event) {
        sql.insertInto(DIRECTORY_POOL_PRICE)
                .set(DIRECTORY_POOL_PRICE.POOL_ID, event.poolId().value())
                .set(DIRECTORY_POOL_PRICE.EFFECTIVE_FROM, event.effectiveFrom())
                .set(DIRECTORY_POOL_PRICE.EUR_PER_GPU_HOUR, event.price().eurPerGpuHour())
                .onConflictDoNothing()
                .execute();
    }

    /** The funder's version at that instant was checked free before the event was applied ({@link Directory#rateVersionAt}). */
    @EventHandler
    void on(RateAdded event) {
        sql.insertInto(DIRECTORY_RATE)
                .set(DIRECTORY_RATE.RATE_ID, event.rateId().value())
                .set(DIRECTORY_RATE.FUNDER, event.funder().name())
                .set(DIRECTORY_RATE.POOL_ID, event.poolId().value())
                .set(DIRECTORY_RATE.EFFECTIVE_FROM, event.effectiveFrom())
                .set(DIRECTORY_RATE.UNIT, event.rate().unit().name())
                .set(DIRECTORY_RATE.EUR_PER_HOUR, event.rate().eurPerHour())
                .onConflict(DIRECTORY_RATE.RATE_ID).doNothing()
                .execute();
    }

    @EventHandler
    void on(StatementDrafted event) {
        sql.insertInto(DIRECTORY_STATEMENT)
                .set(DIRECTORY_STATEMENT.STATEMENT_ID, event.statementId().value())
                .set(DIRECTORY_STATEMENT.FUNDER, event.funder().name())
                .onConflict(DIRECTORY_STATEMENT.STATEMENT_ID).doNothing()
                .execute();
    }

    /** The number was taken under the lock of {@link Directory#nextStatementNumber}, which this write releases at commit. */
    @EventHandler
    void on(StatementIssued event) {
        sql.update(DIRECTORY_STATEMENT)
                .set(DIRECTORY_STATEMENT.ISSUED_YEAR, event.year())
                .set(DIRECTORY_STATEMENT.SEQUENCE, event.sequence())
                .where(DIRECTORY_STATEMENT.STATEMENT_ID.eq(event.statementId().value()))
                .execute();
    }

    @EventHandler
    void on(ProjectRegistered event) {
        sql.insertInto(DIRECTORY_PROJECT)
                .set(DIRECTORY_PROJECT.PROJECT_ID, event.projectId().value())
                .set(DIRECTORY_PROJECT.AUDIENCE, event.audience().name())
                .set(DIRECTORY_PROJECT.SECTOR, event.sector())
                .set(DIRECTORY_PROJECT.ACCESS_MODE, event.accessMode().name())
                .onConflictDoNothing()
                .execute();
    }

    /** The grant was checked against overlapping ones before it was applied ({@link Directory#allocationOverlapping}). */
    @EventHandler
    void on(AllocationGranted event) {
        sql.insertInto(DIRECTORY_ALLOCATION)
                .set(DIRECTORY_ALLOCATION.ALLOCATION_ID, event.allocationId().value())
                .set(DIRECTORY_ALLOCATION.PROJECT_ID, event.projectId().value())
                .set(DIRECTORY_ALLOCATION.POOL_ID, event.poolId().value())
                .set(DIRECTORY_ALLOCATION.SCHEDULER_ACCOUNT,
                        event.schedulerAccount() == null ? null : event.schedulerAccount().value())
                .set(DIRECTORY_ALLOCATION.PERIOD_START, event.periodStart())
                .set(DIRECTORY_ALLOCATION.PERIOD_END, event.periodEnd())
                .set(DIRECTORY_ALLOCATION.FUNDING_SOURCE, event.fundingSource().name())
                .onConflict(DIRECTORY_ALLOCATION.ALLOCATION_ID).doNothing()
                .execute();
    }

    @EventHandler
    void on(AllocationExpired event) {
        sql.update(DIRECTORY_ALLOCATION)
                .set(DIRECTORY_ALLOCATION.EXPIRED, true)
                .where(DIRECTORY_ALLOCATION.ALLOCATION_ID.eq(event.allocationId().value()))
                .execute();
    }

    @ResetHandler
    void reset() {
        throw new IllegalStateException("the directory is kept in the command's transaction and is never replayed");
    }
}
