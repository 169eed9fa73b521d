package eu.gpuledger.projections.catalogue;

import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.projections.schema.tables.records.ViewPoolRecord;
import eu.gpuledger.projections.schema.tables.records.ViewProjectRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.VIEW_CLUSTER;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL_FACTOR;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL_PRICE;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL_SIZE;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROJECT;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROVIDER;

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
                           List<Version> prices, List<Size> sizes) {
    }

    /** A pool's size in nodes from an instant on (the first size holds from the start, 1970-01-01). */
    public record Size(Instant effectiveFrom, int nodes) {
    }

    public record ProjectView(String projectId, String title, String principalInvestigator, String organisation,
                              String audience, String sector, String accessMode) {
    }

    public Optional<ProviderView> provider(String providerId) {
        return providers(VIEW_PROVIDER.PROVIDER_ID.eq(providerId)).stream().findFirst();
    }

    public List<ProviderView> providers() {
        return providers(noCondition());
    }

    private List<ProviderView> providers(Condition where) {
        return sql.selectFrom(VIEW_PROVIDER).where(where).orderBy(VIEW_PROVIDER.PROVIDER_ID).fetch(row -> new ProviderView(
                row.getProviderId(), row.getName(), row.getKind(), row.getEuroHpcHosted(), row.getJuSharePercent(),
                sql.select(VIEW_CLUSTER.CLUSTER).from(VIEW_CLUSTER)
                        .where(VIEW_CLUSTER.PROVIDER_ID.eq(row.getProviderId()))
                        .orderBy(VIEW_CLUSTER.CLUSTER).fetch(VIEW_CLUSTER.CLUSTER)));
    }

    public List<PoolView> pools() {
        return sql.selectFrom(VIEW_POOL).orderBy(VIEW_POOL.POOL_ID).fetch(this::toPool);
    }

    public Optional<PoolView> pool(String poolId) {
        return sql.selectFrom(VIEW_POOL).where(VIEW_POOL.POOL_ID.eq(poolId)).fetchOptional(this::toPool);
    }

    /** The provider of a pool, for who may read what is charged on it; empty when the pool is not known. */
    public Optional<String> providerOfPool(String poolId) {
        return sql.select(VIEW_POOL.PROVIDER_ID).from(VIEW_POOL).where(VIEW_POOL.POOL_ID.eq(poolId))
                .fetchOptional(VIEW_POOL.PROVIDER_ID);
    }

    /** The provider of a declared cluster, for who may read its quota; empty when the cluster is not declared. */
    public Optional<String> providerOfCluster(String cluster) {
        return sql.select(VIEW_CLUSTER.PROVIDER_ID).from(VIEW_CLUSTER).where(VIEW_CLUSTER.CLUSTER.eq(cluster))
                .fetchOptional(VIEW_CLUSTER.PROVIDER_ID);
    }

    public Optional<ProjectView> project(String projectId) {
        return sql.selectFrom(VIEW_PROJECT).where(VIEW_PROJECT.PROJECT_ID.eq(projectId))
                .fetchOptional(CatalogueQueries::toProject);
    }

    /** The projects a query names, a page at a time in project id order (the primary key's). */
    public FindProjects.Page projects(FindProjects query) {
        Condition where = query.readable().everything() ? noCondition()
                : VIEW_PROJECT.PROJECT_ID.in(query.readable().projects().stream().map(ProjectId::value).toList());
        where = where.and(query.audience().map(audience -> VIEW_PROJECT.AUDIENCE.eq(audience.name()))
                .orElse(noCondition()));
        where = where.and(query.accessMode().map(mode -> VIEW_PROJECT.ACCESS_MODE.eq(mode.name()))
                .orElse(noCondition()));
        where = where.and(query.organisation().map(VIEW_PROJECT.ORGANISATION::eq).orElse(noCondition()));
        where = where.and(query.providerId().map(provider -> VIEW_PROJECT.PROJECT_ID.in(
                select(ALLOCATION_BALANCE.PROJECT_ID).from(ALLOCATION_BALANCE).where(ALLOCATION_BALANCE.POOL_ID.in(
                        select(VIEW_POOL.POOL_ID).from(VIEW_POOL).where(VIEW_POOL.PROVIDER_ID.eq(provider.value()))))))
                .orElse(noCondition()));
        for (String word : query.text().map(text -> SearchText.of(text).split("\\s+")).orElse(new String[0])) {
            if (!word.isEmpty()) {
                where = where.and(VIEW_PROJECT.SEARCH_TEXT.contains(word)); // contains() escapes % and _
            }
        }
        where = where.and(query.after().map(id -> VIEW_PROJECT.PROJECT_ID.gt(id.value())).orElse(noCondition()));
        List<ProjectView> rows = sql.selectFrom(VIEW_PROJECT).where(where).orderBy(VIEW_PROJECT.PROJECT_ID)
                .limit(query.limit() + 1).fetch(CatalogueQueries::toProject);
        if (rows.size() <= query.limit()) {
            return new FindProjects.Page(rows, null);
        }
        List<ProjectView> page = rows.subList(0, query.limit());
        return new FindProjects.Page(page, ProjectId.of(page.get(query.limit() - 1).projectId()));
    }

    public record ClusterView(String cluster, String providerId, String providerName, String timeZone) {
    }

    /** The declared clusters with their providers and time zones, in cluster order. */
    public List<ClusterView> clusters() {
        return clusters(noCondition());
    }

    public Optional<ClusterView> cluster(String cluster) {
        return clusters(VIEW_CLUSTER.CLUSTER.eq(cluster)).stream().findFirst();
    }

    private List<ClusterView> clusters(Condition where) {
        return sql.select(VIEW_CLUSTER.CLUSTER, VIEW_CLUSTER.PROVIDER_ID, VIEW_PROVIDER.NAME, VIEW_CLUSTER.TIME_ZONE)
                .from(VIEW_CLUSTER).leftJoin(VIEW_PROVIDER).on(VIEW_PROVIDER.PROVIDER_ID.eq(VIEW_CLUSTER.PROVIDER_ID))
                .where(where).orderBy(VIEW_CLUSTER.CLUSTER)
                .fetch(row -> new ClusterView(row.value1(), row.value2(), row.value3(), row.value4()));
    }

    private static ProjectView toProject(ViewProjectRecord row) {
        return new ProjectView(row.getProjectId(), row.getTitle(), row.getPrincipalInvestigator(),
                row.getOrganisation(), row.getAudience(), row.getSector(), row.getAccessMode());
    }

    private PoolView toPool(ViewPoolRecord row) {
        return new PoolView(row.getPoolId(), row.getProviderId(), row.getCluster(), row.getPartition(),
                row.getGpuModel(), row.getGpusPerNode(), row.getCpusPerNode(), row.getCharged(),
                versions(VIEW_POOL_FACTOR.EFFECTIVE_FROM, VIEW_POOL_FACTOR.NORMALISED_PER_GPU_HOUR,
                        VIEW_POOL_FACTOR.POOL_ID.eq(row.getPoolId())),
                versions(VIEW_POOL_PRICE.EFFECTIVE_FROM, VIEW_POOL_PRICE.EUR_PER_GPU_HOUR,
                        VIEW_POOL_PRICE.POOL_ID.eq(row.getPoolId())),
                sql.select(VIEW_POOL_SIZE.EFFECTIVE_FROM, VIEW_POOL_SIZE.NODES).from(VIEW_POOL_SIZE)
                        .where(VIEW_POOL_SIZE.POOL_ID.eq(row.getPoolId())).orderBy(VIEW_POOL_SIZE.EFFECTIVE_FROM)
                        .fetch(size -> new Size(size.value1(), size.value2())));
    }

    /** A pool's effective-dated values of one kind (factors or prices), oldest first. */
    private List<Version> versions(TableField<?, Instant> effectiveFrom, TableField<?, BigDecimal> value,
                                   Condition ofPool) {
        return sql.select(effectiveFrom, value).from(effectiveFrom.getTable()).where(ofPool).orderBy(effectiveFrom)
                .fetch(row -> new Version(row.value1(), row.value2().stripTrailingZeros()));
    }
}
