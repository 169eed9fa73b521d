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
 * processor, so a command whose directory write fails (an overlapping scheduler account, say) is rolled back
 * whole, events included.
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

    @EventHandler
    void on(PoolRegistered event) {
        int taken = sql.fetchCount(table("directory_pool"),
                field("cluster").eq(event.cluster().value())
                        .and(field("partition").eq(event.partition()))
                        .and(field("pool_id").ne(event.poolId().value())));
        if (taken > 0) {
            throw new PartitionAlreadyPooled("partition " + event.partition() + " of cluster " + event.cluster()
                    + " is already a pool: one partition is one pool");
        }
        sql.insertInto(table("directory_pool"))
                .set(field("pool_id"), event.poolId().value())
                .set(field("provider_id"), event.providerId().value())
                .set(field("cluster"), event.cluster().value())
                .set(field("partition"), event.partition())
                .set(field("gpu_model"), event.gpuModel())
                .set(field("gpus_per_node"), event.gpusPerNode())
                .set(field("cpus_per_node"), event.cpusPerNode())
                .set(field("charged"), event.charged())
                .onConflictDoNothing()
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

    @EventHandler
    void on(AllocationGranted event) {
        if (event.schedulerAccount() != null) {
            // serialise grants on the same pool and account, so two concurrent grants cannot both pass the check
            sql.execute("SELECT pg_advisory_xact_lock(hashtext(?))",
                    event.poolId().value() + "|" + event.schedulerAccount().value());
            int overlapping = sql.fetchCount(table("directory_allocation"),
                    field("pool_id").eq(event.poolId().value())
                            .and(field("scheduler_account").eq(event.schedulerAccount().value()))
                            .and(field("allocation_id").ne(event.allocationId().value()))
                            .and(field("period_start", OffsetDateTime.class).lt(utc(event.periodEnd())))
                            .and(field("period_end", OffsetDateTime.class).gt(utc(event.periodStart()))));
            if (overlapping > 0) {
                throw new OverlappingAllocation("scheduler account " + event.schedulerAccount() + " on pool "
                        + event.poolId() + " already has an allocation overlapping [" + event.periodStart() + ", "
                        + event.periodEnd() + "): a job must map to exactly one allocation");
            }
        }
        sql.insertInto(table("directory_allocation"))
                .set(field("allocation_id"), event.allocationId().value())
                .set(field("project_id"), event.projectId().value())
                .set(field("pool_id"), event.poolId().value())
                .set(field("scheduler_account"), event.schedulerAccount() == null ? null : event.schedulerAccount().value())
                .set(field("period_start"), utc(event.periodStart()))
                .set(field("period_end"), utc(event.periodEnd()))
                .onConflictDoNothing()
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
