package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.catalogue.ClusterDeclared;
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

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

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
        sql.insertInto(table("directory_provider"))
                .set(field("provider_id"), event.providerId().value())
                .set(field("kind"), event.kind().name())
                .set(field("euro_hpc_hosted"), event.euroHpcHosted())
                .set(field("ju_share_percent"), event.juSharePercent())
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(ClusterDeclared event) {
        sql.insertInto(table("directory_cluster"))
                .set(field("cluster"), event.cluster().value())
                .set(field("provider_id"), event.providerId().value())
                .set(field("time_zone"), event.timeZone().getId())
                .onConflictDoNothing()
                .execute();
    }

    /**
     * The pool's partition was checked free before the event was applied ({@link Directory#poolOnPartition}); the
     * table's unique (cluster, partition) is the backstop, so only a replay of the same pool is passed over here.
     */
    @EventHandler
    void on(PoolRegistered event) {
        sql.insertInto(table("directory_pool"))
                .set(field("pool_id"), event.poolId().value())
                .set(field("provider_id"), event.providerId().value())
                .set(field("cluster"), event.cluster().value())
                .set(field("partition"), event.partition())
                .set(field("gpu_model"), event.gpuModel())
                .set(field("gpus_per_node"), event.gpusPerNode())
                .set(field("cpus_per_node"), event.cpusPerNode())
                .set(field("charged"), event.charged())
                .onConflict(field("pool_id")).doNothing()
                .execute();
    }

    @EventHandler
    void on(NormalisationFactorAdded event) {
        sql.insertInto(table("directory_pool_factor"))
                .set(field("pool_id"), event.poolId().value())
                .set(field("effective_from"), utc(event.effectiveFrom()))
                .set(field("normalised_per_gpu_hour"), event.factor().normalisedPerGpuHour())
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(PriceAdded event) {
        sql.insertInto(table("directory_pool_price"))
                .set(field("pool_id"), event.poolId().value())
                .set(field("effective_from"), utc(event.effectiveFrom()))
                .set(field("eur_per_gpu_hour"), event.price().eurPerGpuHour())
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(ProjectRegistered event) {
        sql.insertInto(table("directory_project"))
                .set(field("project_id"), event.projectId().value())
                .set(field("audience"), event.audience().name())
                .set(field("sector"), event.sector())
                .set(field("access_mode"), event.accessMode().name())
                .onConflictDoNothing()
                .execute();
    }

    /** The grant was checked against overlapping ones before it was applied ({@link Directory#allocationOverlapping}). */
    @EventHandler
    void on(AllocationGranted event) {
        sql.insertInto(table("directory_allocation"))
                .set(field("allocation_id"), event.allocationId().value())
                .set(field("project_id"), event.projectId().value())
                .set(field("pool_id"), event.poolId().value())
                .set(field("scheduler_account"), event.schedulerAccount() == null ? null : event.schedulerAccount().value())
                .set(field("period_start"), utc(event.periodStart()))
                .set(field("period_end"), utc(event.periodEnd()))
                .onConflict(field("allocation_id")).doNothing()
                .execute();
    }

    @EventHandler
    void on(AllocationExpired event) {
        sql.update(table("directory_allocation"))
                .set(field("expired"), true)
                .where(field("allocation_id").eq(event.allocationId().value()))
                .execute();
    }

    @ResetHandler
    void reset() {
        throw new IllegalStateException("the directory is kept in the command's transaction and is never replayed");
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
