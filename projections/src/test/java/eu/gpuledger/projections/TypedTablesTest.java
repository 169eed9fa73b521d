package eu.gpuledger.projections;

import eu.gpuledger.projections.support.ReadModelDatabase;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed tables are generated from the migrations by jOOQ's interpreter, without PostgreSQL (docs/typed-tables.md):
 * each must be the table Flyway makes on PostgreSQL, column for column, in order, with the same Java type, length and
 * nullability, and the same primary key. A migration the interpreter reads differently fails here, not in production.
 */
class TypedTablesTest {

    private static DSLContext sql;

    @BeforeAll
    static void migrated() {
        sql = ReadModelDatabase.create();
    }

    static List<Table<?>> typedTables() {
        return Stream.concat(eu.gpuledger.ledger.schema.DefaultSchema.DEFAULT_SCHEMA.getTables().stream(),
                eu.gpuledger.projections.schema.DefaultSchema.DEFAULT_SCHEMA.getTables().stream()).toList();
    }

    @Test
    void each_typed_table_is_the_table_the_migrations_make_on_postgresql() {
        List<Table<?>> typed = typedTables();
        assertThat(typed).extracting(Table::getName).contains("allocation_balance", "usage_daily", "journal_entry",
                "journal_allocation", "journal_suspension", "view_pool", "transfer_view", "directory_allocation",
                "usage_record");
        for (Table<?> table : typed) {
            Table<?> migrated = sql.meta().getTables(table.getName()).stream()
                    .filter(candidate -> "public".equals(candidate.getSchema().getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("no table " + table.getName() + " on PostgreSQL"));
            assertThat(columns(table)).as(table.getName()).isEqualTo(columns(migrated));
            assertThat(keyOf(table)).as(table.getName() + "'s primary key").isEqualTo(keyOf(migrated));
        }
    }

    @Test
    void the_read_models_own_every_table_of_their_migrations_that_is_not_the_ledgers() {
        List<String> typed = typedTables().stream().map(Table::getName).toList();
        List<String> axons = List.of("domain_event_entry", "snapshot_event_entry", "token_entry", "saga_entry",
                "association_value_entry", "dead_letter_entry", "flyway_schema_history");
        List<String> migrated = sql.meta().getTables().stream()
                .filter(table -> "public".equals(table.getSchema().getName())).map(Table::getName)
                .filter(name -> !axons.contains(name)).toList();
        assertThat(typed).containsExactlyInAnyOrderElementsOf(migrated);
    }

    /** Name, Java type (read as the typed tables read a TIMESTAMPTZ and a DATE), length and nullability of each column, in order. */
    private static List<String> columns(Table<?> table) {
        List<String> columns = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            DataType<?> type = field.getDataType();
            Class<?> javaType = type.getType() == OffsetDateTime.class ? Instant.class
                    : type.getType() == java.sql.Date.class ? LocalDate.class : type.getType();
            // an unbounded text has no length: 0 where jOOQ read the migration, the largest int where PostgreSQL says
            boolean bounded = type.hasLength() && type.length() > 0 && type.length() < Integer.MAX_VALUE;
            columns.add(field.getName() + " " + javaType.getSimpleName() + (bounded ? "(" + type.length() + ")" : "")
                    + (type.nullable() ? "" : " not null"));
        }
        return columns;
    }

    private static List<String> keyOf(Table<?> table) {
        UniqueKey<?> key = table.getPrimaryKey();
        return key == null ? List.of() : key.getFields().stream().map(Field::getName).toList();
    }
}
