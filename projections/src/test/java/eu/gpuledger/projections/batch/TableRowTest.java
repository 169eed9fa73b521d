package eu.gpuledger.projections.batch;

import eu.gpuledger.projections.schema.tables.records.AllocationBalanceRecord;
import eu.gpuledger.projections.support.ReadModelDatabase;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.VIEW_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writes a table's row declaration derives, on PostgreSQL: a COPY, an insert and an update of the same changes
 * leave the rows the declared merges say, in the live table and in a rebuild's shadow of it alike.
 */
class TableRowTest {

    /** A balance row's change: a grant's terms (when granted), a consumption, a standing, an expiry. */
    private record Change(String allocationId, long granted, long consumed, String standing, Boolean suspended,
                          boolean expired) {
    }

    private static final Instant START = Instant.parse("2041-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2042-01-01T00:00:00Z");

    private static final TableRow<Change> BALANCE = TableRow.of(ALLOCATION_BALANCE, Change.class)
            .column(ALLOCATION_BALANCE.ALLOCATION_ID, Change::allocationId)
            .column(ALLOCATION_BALANCE.PROJECT_ID, change -> "2041-AD011")
            .column(ALLOCATION_BALANCE.POOL_ID, change -> "jz-a100")
            .column(ALLOCATION_BALANCE.FUNDING_SOURCE, change -> "GENCI")
            .column(ALLOCATION_BALANCE.SCHEDULER_ACCOUNT, change -> null)
            .column(ALLOCATION_BALANCE.PERIOD_START, change -> START)
            .column(ALLOCATION_BALANCE.PERIOD_END, change -> END)
            .column(ALLOCATION_BALANCE.OVER_CONSUMPTION_PERCENT, change -> 25)
            .column(ALLOCATION_BALANCE.GRANTED, Change::granted)
            .sum(ALLOCATION_BALANCE.SUPPLEMENTED, change -> 0L)
            .sum(ALLOCATION_BALANCE.CONSUMED, Change::consumed)
            .sum(ALLOCATION_BALANCE.REFUNDED, change -> 0L)
            .sum(ALLOCATION_BALANCE.TRANSFERRED_IN, change -> 0L)
            .sum(ALLOCATION_BALANCE.TRANSFERRED_OUT, change -> 0L)
            .sum(ALLOCATION_BALANCE.CLAWED_BACK, change -> 0L)
            .sum(ALLOCATION_BALANCE.EXPIRED, change -> 0L)
            .latest(ALLOCATION_BALANCE.STANDING, Change::standing)
            .latest(ALLOCATION_BALANCE.SUSPENDED, Change::suspended)
            .either(ALLOCATION_BALANCE.HAS_EXPIRED, Change::expired)
            .build();

    private static DSLContext sql;

    @BeforeAll
    static void database() {
        sql = ReadModelDatabase.create();
    }

    @BeforeEach
    void empty() {
        sql.truncate(ALLOCATION_BALANCE).execute();
    }

    @Test
    void a_second_insert_of_a_key_adds_to_the_sums_keeps_the_terms_and_takes_the_latest_known_values() {
        BALANCE.insert(sql, ALLOCATION_BALANCE, List.of(new Change("a", 100, 10, "WITHIN_GRANT", false, false)));
        BALANCE.insert(sql, ALLOCATION_BALANCE, List.of(new Change("a", 999, 5, "LOW_PRIORITY", true, true)));
        BALANCE.insert(sql, ALLOCATION_BALANCE, List.of(new Change("a", 999, 1, "BLOCKED", false, false)));

        AllocationBalanceRecord row = sql.fetchSingle(ALLOCATION_BALANCE);
        assertThat(row.getGranted()).as("kept").isEqualTo(100);
        assertThat(row.getConsumed()).as("added").isEqualTo(16);
        assertThat(row.getStanding()).as("the latest").isEqualTo("BLOCKED");
        assertThat(row.getSuspended()).as("the latest").isFalse();
        assertThat(row.getHasExpired()).as("true once true").isTrue();
    }

    @Test
    void an_update_merges_into_the_rows_there_and_drops_the_changes_of_rows_that_are_not() {
        BALANCE.insert(sql, ALLOCATION_BALANCE, List.of(new Change("a", 100, 10, "WITHIN_GRANT", true, false)));

        BALANCE.update(sql, ALLOCATION_BALANCE, List.of(new Change("a", 0, 7, "LOW_PRIORITY", null, false),
                new Change("never-granted", 0, 3, null, null, false)));

        assertThat(sql.fetch(ALLOCATION_BALANCE)).singleElement().satisfies(row -> {
            assertThat(row.getAllocationId()).isEqualTo("a");
            assertThat(row.getGranted()).isEqualTo(100);
            assertThat(row.getConsumed()).isEqualTo(17);
            assertThat(row.getStanding()).isEqualTo("LOW_PRIORITY");
            assertThat(row.getSuspended()).as("nothing new: as it was").isTrue();
        });
    }

    @Test
    void a_copy_into_a_rebuilds_shadow_table_reads_back_as_the_same_rows_inserted_live() {
        List<Change> changes = List.of(new Change("a", 100, 10, "WITHIN_GRANT", false, false),
                new Change("b", 3_600_000, 0, "BLOCKED", true, true));
        Table<AllocationBalanceRecord> shadow = TableNames.REBUILD.of(ALLOCATION_BALANCE);
        sql.dropTableIfExists(shadow).execute();
        sql.execute("CREATE TABLE {0} (LIKE {1} INCLUDING ALL EXCLUDING INDEXES)", shadow, ALLOCATION_BALANCE);

        BALANCE.copy(sql, shadow, changes);
        BALANCE.insert(sql, ALLOCATION_BALANCE, changes);

        assertThat(sql.fetch(shadow).sortAsc(ALLOCATION_BALANCE.ALLOCATION_ID).intoMaps())
                .isEqualTo(sql.fetch(ALLOCATION_BALANCE).sortAsc(ALLOCATION_BALANCE.ALLOCATION_ID).intoMaps());
        sql.dropTable(shadow).execute();
    }

    @Test
    void a_row_whose_every_column_is_kept_is_left_as_it_was_by_a_second_insert() {
        TableRow<String[]> cluster = TableRow.of(VIEW_CLUSTER, String[].class)
                .column(VIEW_CLUSTER.CLUSTER, values -> values[0])
                .column(VIEW_CLUSTER.PROVIDER_ID, values -> values[1])
                .column(VIEW_CLUSTER.TIME_ZONE, values -> values[2])
                .build();
        sql.truncate(VIEW_CLUSTER).execute();

        cluster.insert(sql, VIEW_CLUSTER, List.<String[]>of(new String[]{"jean-zay", "idris", "Europe/Paris"}));
        cluster.insert(sql, VIEW_CLUSTER, List.<String[]>of(new String[]{"jean-zay", "cines", "UTC"},
                new String[]{"adastra", "cines", "Europe/Paris"}));

        assertThat(sql.fetch(VIEW_CLUSTER).sortAsc(VIEW_CLUSTER.CLUSTER).map(row -> row.getProviderId()))
                .containsExactly("cines", "idris");
    }

    @Test
    void a_declaration_must_name_every_column_of_its_table_in_the_tables_order() {
        assertThatThrownBy(() -> TableRow.of(VIEW_CLUSTER, String.class)
                .column(VIEW_CLUSTER.CLUSTER, value -> value)
                .column(VIEW_CLUSTER.TIME_ZONE, value -> value)
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the row of view_cluster declares [cluster, time_zone] but the table has"
                        + " [cluster, provider_id, time_zone], in this order");
        assertThatThrownBy(() -> TableRow.of(VIEW_CLUSTER, String.class)
                .column(VIEW_CLUSTER.PROVIDER_ID, value -> value)
                .column(VIEW_CLUSTER.CLUSTER, value -> value)
                .column(VIEW_CLUSTER.TIME_ZONE, value -> value)
                .build())
                .isInstanceOf(IllegalStateException.class);
    }
}
