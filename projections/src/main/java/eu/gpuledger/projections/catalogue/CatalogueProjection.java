package eu.gpuledger.projections.catalogue;

import eu.gpuledger.ledger.catalogue.ClusterDeclared;
import eu.gpuledger.ledger.catalogue.ClusterTimeZoneCorrected;
import eu.gpuledger.ledger.catalogue.ProviderRenamed;
import eu.gpuledger.ledger.project.ProjectDescriptionCorrected;
import eu.gpuledger.ledger.catalogue.NormalisationFactorAdded;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.PoolSized;
import eu.gpuledger.ledger.catalogue.PriceAdded;
import eu.gpuledger.ledger.catalogue.ProviderRegistered;
import eu.gpuledger.ledger.project.ProjectRegistered;
import eu.gpuledger.ledger.rate.RateAdded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import eu.gpuledger.projections.batch.BatchOfEvents;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.TableNames;
import eu.gpuledger.projections.rebuild.RebuildableProjection;
import eu.gpuledger.projections.batch.TableRow;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.gpuledger.projections.schema.Tables.VIEW_CLUSTER;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL_FACTOR;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL_PRICE;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL_SIZE;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROJECT;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROVIDER;
import static eu.gpuledger.projections.schema.Tables.VIEW_RATE;

/** The catalogue (providers, clusters, pools with their factor and price versions) and the projects, as read. */
@Component
@ProcessingGroup(CatalogueProjection.PROCESSING_GROUP)
public class CatalogueProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "catalogue";

    /** Each table's row, from the event that registers it; registered once, then kept as it is. */
    private static final TableRow<ProviderRegistered> PROVIDER = TableRow.of(VIEW_PROVIDER, ProviderRegistered.class)
            .column(VIEW_PROVIDER.PROVIDER_ID, event -> event.providerId().value())
            .column(VIEW_PROVIDER.NAME, ProviderRegistered::name)
            .column(VIEW_PROVIDER.KIND, event -> event.kind().name())
            .column(VIEW_PROVIDER.EURO_HPC_HOSTED, ProviderRegistered::euroHpcHosted)
            .column(VIEW_PROVIDER.JU_SHARE_PERCENT, ProviderRegistered::juSharePercent)
            .build();
    private static final TableRow<ClusterDeclared> CLUSTER = TableRow.of(VIEW_CLUSTER, ClusterDeclared.class)
            .column(VIEW_CLUSTER.CLUSTER, event -> event.cluster().value())
            .column(VIEW_CLUSTER.PROVIDER_ID, event -> event.providerId().value())
            .column(VIEW_CLUSTER.TIME_ZONE, event -> event.timeZone().getId())
            .build();
    private static final TableRow<PoolRegistered> POOL = TableRow.of(VIEW_POOL, PoolRegistered.class)
            .column(VIEW_POOL.POOL_ID, event -> event.poolId().value())
            .column(VIEW_POOL.PROVIDER_ID, event -> event.providerId().value())
            .column(VIEW_POOL.CLUSTER, event -> event.cluster().value())
            .column(VIEW_POOL.PARTITION, PoolRegistered::partition)
            .column(VIEW_POOL.GPU_MODEL, PoolRegistered::gpuModel)
            .column(VIEW_POOL.GPUS_PER_NODE, PoolRegistered::gpusPerNode)
            .column(VIEW_POOL.CPUS_PER_NODE, PoolRegistered::cpusPerNode)
            .column(VIEW_POOL.CHARGED, PoolRegistered::charged)
            .build();
    private static final TableRow<RecordedFactor> POOL_FACTOR =
            TableRow.of(VIEW_POOL_FACTOR, RecordedFactor.class)
                    .column(VIEW_POOL_FACTOR.POOL_ID, change -> change.event().poolId().value())
                    .column(VIEW_POOL_FACTOR.EFFECTIVE_FROM, change -> change.event().effectiveFrom())
                    .column(VIEW_POOL_FACTOR.NORMALISED_PER_GPU_HOUR,
                            change -> change.event().factor().normalisedPerGpuHour())
                    .column(VIEW_POOL_FACTOR.RECORDED_AT, RecordedFactor::recordedAt)
                    .build();
    /** A pool's size from an instant on, for its capacity over a period (the JU share of a billing statement). */
    private static final TableRow<RecordedSize> POOL_SIZE = TableRow.of(VIEW_POOL_SIZE, RecordedSize.class)
            .column(VIEW_POOL_SIZE.POOL_ID, change -> change.event().poolId().value())
            .column(VIEW_POOL_SIZE.EFFECTIVE_FROM, change -> change.event().effectiveFrom())
            .column(VIEW_POOL_SIZE.NODES, change -> change.event().nodes())
            .column(VIEW_POOL_SIZE.RECORDED_AT, RecordedSize::recordedAt)
            .build();
    private static final TableRow<PriceAdded> POOL_PRICE = TableRow.of(VIEW_POOL_PRICE, PriceAdded.class)
            .column(VIEW_POOL_PRICE.POOL_ID, event -> event.poolId().value())
            .column(VIEW_POOL_PRICE.EFFECTIVE_FROM, PriceAdded::effectiveFrom)
            .column(VIEW_POOL_PRICE.EUR_PER_GPU_HOUR, event -> event.price().eurPerGpuHour())
            .build();
    private static final TableRow<ProjectRegistered> PROJECT = TableRow.of(VIEW_PROJECT, ProjectRegistered.class)
            .column(VIEW_PROJECT.PROJECT_ID, event -> event.projectId().value())
            .column(VIEW_PROJECT.TITLE, ProjectRegistered::title)
            .column(VIEW_PROJECT.PRINCIPAL_INVESTIGATOR, ProjectRegistered::principalInvestigator)
            .column(VIEW_PROJECT.ORGANISATION, ProjectRegistered::organisation)
            .column(VIEW_PROJECT.AUDIENCE, event -> event.audience().name())
            .column(VIEW_PROJECT.SECTOR, ProjectRegistered::sector)
            .column(VIEW_PROJECT.ACCESS_MODE, event -> event.accessMode().name())
            .column(VIEW_PROJECT.SEARCH_TEXT, event -> SearchText.ofProject(event.projectId().value(),
                    event.title(), event.principalInvestigator(), event.organisation()))
            .build();
    /** A funder's rate version on a pool (issue 14): the rate cards are the funders' prices, read beside the pools'. */
    private static final TableRow<RecordedRate> RATE = TableRow.of(VIEW_RATE, RecordedRate.class)
            .column(VIEW_RATE.RATE_ID, change -> change.event().rateId().value())
            .column(VIEW_RATE.FUNDER, change -> change.event().funder().name())
            .column(VIEW_RATE.POOL_ID, change -> change.event().poolId().value())
            .column(VIEW_RATE.EFFECTIVE_FROM, change -> change.event().effectiveFrom())
            .column(VIEW_RATE.UNIT, change -> change.event().rate().unit().name())
            .column(VIEW_RATE.EUR_PER_HOUR, change -> change.event().rate().eurPerHour())
            .column(VIEW_RATE.RECORDED_AT, RecordedRate::recordedAt)
            .build();
    private static final List<TableRow<?>> ROWS = List.of(PROVIDER, CLUSTER, POOL, POOL_FACTOR, POOL_SIZE,
            POOL_PRICE, PROJECT, RATE);

    /**
     * A version and the time it was recorded (its event's time): a statement as known at an instant reads only the
     * versions recorded by then (docs/statements.md).
     */
    private record RecordedFactor(NormalisationFactorAdded event, Instant recordedAt) {
    }

    private record RecordedSize(PoolSized event, Instant recordedAt) {
    }

    private record RecordedRate(RateAdded event, Instant recordedAt) {
    }

    private final DSLContext sql;

    public CatalogueProjection(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<Table<?>> tables() {
        return ROWS.stream().<Table<?>>map(TableRow::table).toList();
    }

    @EventHandler
    void on(ProviderRegistered event) {
        changes().add(PROVIDER, event);
    }

    @EventHandler
    void on(ClusterDeclared event) {
        changes().add(CLUSTER, event);
    }

    @EventHandler
    void on(PoolRegistered event) {
        changes().add(POOL, event);
    }

    @EventHandler
    void on(NormalisationFactorAdded event, EventMessage<?> message) {
        changes().add(POOL_FACTOR, new RecordedFactor(event, message.getTimestamp()));
    }

    @EventHandler
    void on(PoolSized event, EventMessage<?> message) {
        changes().add(POOL_SIZE, new RecordedSize(event, message.getTimestamp()));
    }

    @EventHandler
    void on(PriceAdded event) {
        changes().add(POOL_PRICE, event);
    }

    @EventHandler
    void on(RateAdded event, EventMessage<?> message) {
        changes().add(RATE, new RecordedRate(event, message.getTimestamp()));
    }

    @EventHandler
    void on(ProjectRegistered event) {
        changes().add(PROJECT, event);
    }

    /**
     * Corrections are new versions of a row registered before: the view shows the latest. The columns are those of
     * the table written to (live, or a rebuild's shadow), found by name.
     */
    @EventHandler
    void on(ProviderRenamed event) {
        changes().correct((sql, tables) -> {
            Table<?> target = tables.of(VIEW_PROVIDER);
            sql.update(target).set(target.field(VIEW_PROVIDER.NAME), event.name())
                    .where(target.field(VIEW_PROVIDER.PROVIDER_ID).eq(event.providerId().value())).execute();
        });
    }

    @EventHandler
    void on(ClusterTimeZoneCorrected event) {
        changes().correct((sql, tables) -> {
            Table<?> target = tables.of(VIEW_CLUSTER);
            sql.update(target).set(target.field(VIEW_CLUSTER.TIME_ZONE), event.timeZone().getId())
                    .where(target.field(VIEW_CLUSTER.CLUSTER).eq(event.cluster().value())).execute();
        });
    }

    @EventHandler
    void on(ProjectDescriptionCorrected event) {
        changes().correct((sql, tables) -> {
            Table<?> target = tables.of(VIEW_PROJECT);
            sql.update(target)
                    .set(target.field(VIEW_PROJECT.TITLE), event.title())
                    .set(target.field(VIEW_PROJECT.PRINCIPAL_INVESTIGATOR), event.principalInvestigator())
                    .set(target.field(VIEW_PROJECT.ORGANISATION), event.organisation())
                    .set(target.field(VIEW_PROJECT.SEARCH_TEXT), SearchText.ofProject(event.projectId().value(),
                            event.title(), event.principalInvestigator(), event.organisation()))
                    .where(target.field(VIEW_PROJECT.PROJECT_ID).eq(event.projectId().value())).execute();
        });
    }

    private CatalogueChanges changes() {
        return BatchOfEvents.pendingWrites(PROCESSING_GROUP, sql, CatalogueChanges::new);
    }

    /** One correction's update of a row, into the live table or a rebuild's shadow of it. */
    private interface Correction {
        void writeTo(DSLContext sql, TableNames tables);
    }

    /**
     * Catalogue events are few: a batch's rows go in one insert per table, then its corrections, one update each in
     * the order of their events. A correction always follows the registration of its row (the aggregate refuses one
     * before), so it finds the row inserted by this batch or an earlier one; an update by primary key needs no index
     * to be right, which is why these writes may still go into a rebuild's shadow tables as they come
     * ({@link #insertsOnly}).
     */
    private static final class CatalogueChanges implements PendingWrites {
        private final Map<TableRow<?>, List<Object>> rows = new LinkedHashMap<>();
        private final List<Correction> corrections = new ArrayList<>();
        private long size;

        <C> void add(TableRow<C> row, C event) {
            rows.computeIfAbsent(row, ignored -> new ArrayList<>()).add(event);
            size++;
        }

        void correct(Correction correction) {
            corrections.add(correction);
            size++;
        }

        @Override
        public boolean insertsOnly() {
            return true;
        }

        @Override
        public long pendingRows() {
            return size;
        }

        @Override
        public void writeTo(DSLContext sql, TableNames tables) {
            rows.forEach((row, events) -> insert(sql, tables, row, events));
            corrections.forEach(correction -> correction.writeTo(sql, tables));
        }

        @SuppressWarnings("unchecked")
        private static <C> void insert(DSLContext sql, TableNames tables, TableRow<C> row, List<Object> events) {
            row.insert(sql, tables.of(row.table()), (List<C>) events);
        }
    }

    @ResetHandler
    void reset() {
        for (Table<?> table : tables()) {
            sql.truncate(table).execute();
        }
    }
}
