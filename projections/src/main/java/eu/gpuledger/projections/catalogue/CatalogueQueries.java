package eu.gpuledger.projections.catalogue;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** Reads the catalogue view: providers, clusters, pools with their effective-dated versions, projects. */
@Component
public class CatalogueQueries {

    private final DSLContext sql;

    public CatalogueQueries(DSLContext sql) {
        this.sql = sql;
    }

    public record ProviderView(String providerId, String name, String kind, boolean euroHpcHosted,
                               BigDecimal juSharePercent, List<String> clusters) {
    }

    public record Version(Instant effectiveFrom, BigDecimal value) {
    }

    public record PoolView(String poolId, String providerId, String cluster, String partition, String gpuModel,
                           int gpusPerNode, int cpusPerNode, boolean charged, List<Version> factors,
                           List<Version> prices) {
    }

    public record ProjectView(String projectId, String title, String principalInvestigator, String organisation,
                              String audience, String sector, String accessMode) {
    }

    public List<ProviderView> providers() {
        return sql.select().from(table("view_provider")).orderBy(field("provider_id")).fetch(row -> new ProviderView(
                row.get("provider_id", String.class), row.get("name", String.class), row.get("kind", String.class),
                row.get("euro_hpc_hosted", Boolean.class), row.get("ju_share_percent", BigDecimal.class),
                sql.select(field("cluster", String.class)).from(table("view_cluster"))
                        .where(field("provider_id").eq(row.get("provider_id", String.class)))
                        .orderBy(field("cluster")).fetch(0, String.class)));
    }

    public List<PoolView> pools() {
        return sql.select().from(table("view_pool")).orderBy(field("pool_id")).fetch(this::toPool);
    }

    public Optional<PoolView> pool(String poolId) {
        return sql.select().from(table("view_pool")).where(field("pool_id").eq(poolId)).fetchOptional(this::toPool);
    }

    public Optional<ProjectView> project(String projectId) {
        return sql.select().from(table("view_project")).where(field("project_id").eq(projectId))
                .fetchOptional(row -> new ProjectView(row.get("project_id", String.class),
                        row.get("title", String.class), row.get("principal_investigator", String.class),
                        row.get("organisation", String.class), row.get("audience", String.class),
                        row.get("sector", String.class), row.get("access_mode", String.class)));
    }

    private PoolView toPool(Record row) {
        String poolId = row.get("pool_id", String.class);
        return new PoolView(poolId, row.get("provider_id", String.class), row.get("cluster", String.class),
                row.get("partition", String.class), row.get("gpu_model", String.class),
                row.get("gpus_per_node", Integer.class), row.get("cpus_per_node", Integer.class),
                row.get("charged", Boolean.class),
                versions("view_pool_factor", "normalised_per_gpu_hour", poolId),
                versions("view_pool_price", "eur_per_gpu_hour", poolId));
    }

    private List<Version> versions(String tableName, String column, String poolId) {
        return sql.select(field("effective_from", OffsetDateTime.class), field(column, BigDecimal.class))
                .from(table(tableName)).where(field("pool_id").eq(poolId)).orderBy(field("effective_from"))
                .fetch(row -> new Version(row.value1().toInstant(), row.value2().stripTrailingZeros()));
    }
}
