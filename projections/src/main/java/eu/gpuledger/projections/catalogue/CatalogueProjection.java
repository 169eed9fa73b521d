package eu.gpuledger.projections.catalogue;

import eu.gpuledger.ledger.catalogue.ClusterDeclared;
import eu.gpuledger.ledger.catalogue.NormalisationFactorAdded;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.PriceAdded;
import eu.gpuledger.ledger.catalogue.ProviderRegistered;
import eu.gpuledger.ledger.project.ProjectRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import eu.gpuledger.projections.batch.BatchOfEvents;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.TableNames;
import eu.gpuledger.projections.rebuild.RebuildableProjection;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

/** The catalogue (providers, clusters, pools with their factor and price versions) and the projects, as read. */
@Component
@ProcessingGroup(CatalogueProjection.PROCESSING_GROUP)
public class CatalogueProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "catalogue";
    static final String[] TABLES = {"view_provider", "view_cluster", "view_pool", "view_pool_factor",
            "view_pool_price", "view_project"};

    private final DSLContext sql;

    public CatalogueProjection(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLES);
    }

    @EventHandler
    void on(ProviderRegistered event) {
        changes().add((sql, tables) -> sql.insertInto(table(name(tables.of("view_provider"))))
                .set(field("provider_id"), event.providerId().value())
                .set(field("name"), event.name())
                .set(field("kind"), event.kind().name())
                .set(field("euro_hpc_hosted"), event.euroHpcHosted())
                .set(field("ju_share_percent"), event.juSharePercent())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(ClusterDeclared event) {
        changes().add((sql, tables) -> sql.insertInto(table(name(tables.of("view_cluster"))))
                .set(field("cluster"), event.cluster().value())
                .set(field("provider_id"), event.providerId().value())
                .set(field("time_zone"), event.timeZone().getId())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(PoolRegistered event) {
        changes().add((sql, tables) -> sql.insertInto(table(name(tables.of("view_pool"))))
                .set(field("pool_id"), event.poolId().value())
                .set(field("provider_id"), event.providerId().value())
                .set(field("cluster"), event.cluster().value())
                .set(field("partition"), event.partition())
                .set(field("gpu_model"), event.gpuModel())
                .set(field("gpus_per_node"), event.gpusPerNode())
                .set(field("cpus_per_node"), event.cpusPerNode())
                .set(field("charged"), event.charged())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(NormalisationFactorAdded event) {
        changes().add((sql, tables) -> sql.insertInto(table(name(tables.of("view_pool_factor"))))
                .set(field("pool_id"), event.poolId().value())
                .set(field("effective_from"), event.effectiveFrom().atOffset(ZoneOffset.UTC))
                .set(field("normalised_per_gpu_hour"), event.factor().normalisedPerGpuHour())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(PriceAdded event) {
        changes().add((sql, tables) -> sql.insertInto(table(name(tables.of("view_pool_price"))))
                .set(field("pool_id"), event.poolId().value())
                .set(field("effective_from"), event.effectiveFrom().atOffset(ZoneOffset.UTC))
                .set(field("eur_per_gpu_hour"), event.price().eurPerGpuHour())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(ProjectRegistered event) {
        changes().add((sql, tables) -> sql.insertInto(table(name(tables.of("view_project"))))
                .set(field("project_id"), event.projectId().value())
                .set(field("title"), event.title())
                .set(field("principal_investigator"), event.principalInvestigator())
                .set(field("organisation"), event.organisation())
                .set(field("audience"), event.audience().name())
                .set(field("sector"), event.sector())
                .set(field("access_mode"), event.accessMode().name())
                .onConflictDoNothing());
    }

    private CatalogueChanges changes() {
        return BatchOfEvents.pendingWrites(PROCESSING_GROUP, sql, CatalogueChanges::new);
    }

    /** Catalogue events are few: each becomes one insert, and a batch's inserts go in one JDBC batch. */
    private static final class CatalogueChanges implements PendingWrites {
        private final List<BiFunction<DSLContext, TableNames, Query>> inserts = new ArrayList<>();

        void add(BiFunction<DSLContext, TableNames, Query> insert) {
            inserts.add(insert);
        }

        @Override
        public boolean insertsOnly() {
            return true;
        }

        @Override
        public long pendingRows() {
            return inserts.size();
        }

        @Override
        public void writeTo(DSLContext sql, TableNames tables) {
            if (!inserts.isEmpty()) {
                sql.batch(inserts.stream().map(insert -> insert.apply(sql, tables)).toList()).execute();
            }
        }
    }

    @ResetHandler
    void reset() {
        for (String name : TABLES) {
            sql.truncate(table(name)).execute();
        }
    }
}
