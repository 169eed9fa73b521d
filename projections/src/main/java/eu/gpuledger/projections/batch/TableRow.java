package eu.gpuledger.projections.batch;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One projection table's row, declared once: every column of the typed table (generated from the migrations), in the
 * table's order, with how a pending change gives its value and what a second write of the same key does to the row
 * already there. Every write of the table is derived from it: {@link #copy} of rows that are all new (a rebuild's
 * empty shadow table, the journal), {@link #insert} of rows that may be there already (merged by the declared rules),
 * {@link #update} of rows that are there. A migration that adds, drops or reorders a column makes the declaration
 * fail when its class loads, so that no write can forget a column or send one in the wrong place.
 *
 * @param <C> the pending change one row is written from
 */
public final class TableRow<C> {

    /** What a later write of the same key does to a column of the row already there. */
    private enum Merge {
        /** Nothing: written with the row (the key, and what a row never changes, such as a grant's terms). */
        KEEP,
        /** Adds the later value: a sum of movements. */
        ADD,
        /** Takes the later value, unless that is null (nothing new). */
        LATEST,
        /** True once either value is. */
        EITHER
    }

    private record Column<C>(TableField<?, ?> field, Merge merge, Function<? super C, ?> value,
                             PostgresCopy.Encoder encoder) {
    }

    /** Rows per statement of {@link #insert} and {@link #update}: one statement to parse and plan, not one per row. */
    private static final int ROWS_PER_STATEMENT = 20_000;
    private static final Name CHANGE = DSL.name("change");

    private final Table<?> table;
    private final List<Column<C>> columns;
    private final List<Column<C>> key;
    private final List<Column<C>> merged;

    private TableRow(Table<?> table, List<Column<C>> columns) {
        List<String> declared = columns.stream().map(column -> column.field().getName()).toList();
        List<String> actual = Arrays.stream(table.fields()).map(Field::getName).toList();
        if (!declared.equals(actual)) {
            throw new IllegalStateException("the row of " + table.getName() + " declares " + declared
                    + " but the table has " + actual + ", in this order");
        }
        UniqueKey<?> primaryKey = table.getPrimaryKey();
        List<String> keyNames = primaryKey == null ? List.of()
                : primaryKey.getFields().stream().map(Field::getName).toList();
        this.table = table;
        this.columns = List.copyOf(columns);
        this.key = columns.stream().filter(column -> keyNames.contains(column.field().getName())).toList();
        this.merged = columns.stream().filter(column -> column.merge() != Merge.KEEP).toList();
        if (!merged.isEmpty() && key.isEmpty()) {
            throw new IllegalStateException(table.getName() + " merges rows but has no primary key to find them by");
        }
        for (Column<C> keyColumn : key) {
            if (keyColumn.merge() != Merge.KEEP) {
                throw new IllegalStateException("the key column " + keyColumn.field().getName() + " of "
                        + table.getName() + " cannot be merged");
            }
        }
    }

    /** Starts the declaration of {@code table}'s row, written from changes of type {@code change}. */
    public static <C> Builder<C> of(Table<?> table, Class<C> change) {
        Objects.requireNonNull(change, "change");
        return new Builder<>(table);
    }

    /** The typed table whose row this is. */
    public Table<?> table() {
        return table;
    }

    /** How a change gives each column's value, in the table's order (for a measurement of other COPY formats). */
    List<Function<? super C, ?>> values() {
        return columns.stream().<Function<? super C, ?>>map(Column::value).toList();
    }

    /**
     * Appends the rows to {@code target} (the table or its shadow) with one binary COPY: for rows that are all new,
     * into a table that may have no index yet.
     */
    public void copy(DSLContext sql, Table<?> target, Iterable<? extends C> rows) {
        List<Field<?>> fields = columns.stream().<Field<?>>map(Column::field).toList();
        int width = columns.size();
        PostgresCopy.Encoder[] encoders = columns.stream().map(Column::encoder).toArray(PostgresCopy.Encoder[]::new);
        @SuppressWarnings("unchecked")
        Function<? super C, ?>[] values = columns.stream().map(Column::value).toArray(Function[]::new);
        PostgresCopy.into(sql, target, fields, copy -> {
            for (C row : rows) {
                for (int column = 0; column < width; column++) {
                    encoders[column].write(copy, values[column].apply(row));
                }
                copy.endRow();
            }
        });
    }

    /**
     * Inserts the rows into {@code target}. Where a row of the same key is there already, the declared merges apply
     * ({@code ON CONFLICT} on the primary key, which needs the table's indexes); a row whose every column is kept
     * leaves the one there as it is ({@code ON CONFLICT DO NOTHING}, which needs no index).
     */
    public void insert(DSLContext sql, Table<?> target, Collection<? extends C> rows) {
        List<Field<?>> fields = columns.stream().<Field<?>>map(Column::field).toList();
        for (List<? extends C> chunk : chunks(rows)) {
            InsertValuesStepN<?> insert = sql.insertInto(target, fields);
            var select = insert.select(DSL.select(changeFields(columns)).from(unnest(columns, chunk)));
            if (merged.isEmpty()) {
                select.onConflictDoNothing().execute();
                continue;
            }
            Map<Field<?>, Field<?>> merges = new LinkedHashMap<>();
            for (Column<C> column : merged) {
                merges.put(column.field(), merge(column, target.field(column.field()), DSL.excluded(column.field())));
            }
            select.onConflict(key.stream().<Field<?>>map(Column::field).toList()).doUpdate().set(merges).execute();
        }
    }

    /**
     * Merges the changes into the rows of their keys in {@code target}, by the declared merges; only the key's and
     * the merged columns' values are taken from a change. A change whose row is not there is dropped.
     */
    public void update(DSLContext sql, Table<?> target, Collection<? extends C> rows) {
        if (merged.isEmpty()) {
            throw new IllegalStateException("every column of " + table.getName() + " is kept: nothing to update");
        }
        List<Column<C>> read = new ArrayList<>(key);
        read.addAll(merged);
        for (List<? extends C> chunk : chunks(rows)) {
            Map<Field<?>, Field<?>> merges = new LinkedHashMap<>();
            for (Column<C> column : merged) {
                merges.put(column.field(), merge(column, target.field(column.field()), changeField(column)));
            }
            Condition sameKey = DSL.and(key.stream()
                    .map(column -> eq(target.field(column.field()), changeField(column))).toList());
            sql.update(target).set(merges).from(unnest(read, chunk)).where(sameKey).execute();
        }
    }

    private List<? extends List<? extends C>> chunks(Collection<? extends C> rows) {
        List<? extends C> all = rows instanceof List<? extends C> list ? list : List.copyOf(rows);
        List<List<? extends C>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

    /**
     * The rows as a table named {@code change}: one array per column, of the column's type, spread by
     * {@code unnest}. jOOQ has no multi-array {@code unnest}, hence the template; every name in it is a typed
     * column's.
     */
    private Table<?> unnest(List<Column<C>> read, List<? extends C> rows) {
        List<Field<?>> arrays = new ArrayList<>(read.size());
        for (Column<C> column : read) {
            Object[] values = (Object[]) Array.newInstance(column.field().getType(), rows.size());
            for (int row = 0; row < values.length; row++) {
                values[row] = column.value().apply(rows.get(row));
            }
            arrays.add(DSL.val(values, column.field().getDataType().array()));
        }
        return DSL.table("unnest({0})", DSL.list(arrays))
                .as(CHANGE, read.stream().map(column -> DSL.name(column.field().getName())).toArray(Name[]::new));
    }

    private List<Field<?>> changeFields(List<Column<C>> read) {
        return read.stream().<Field<?>>map(TableRow::changeField).toList();
    }

    private static Field<?> changeField(Column<?> column) {
        return DSL.field(CHANGE.append(column.field().getUnqualifiedName()), column.field().getDataType());
    }

    @SuppressWarnings("unchecked")
    private static Field<?> merge(Column<?> column, Field<?> existing, Field<?> later) {
        return switch (column.merge()) {
            case ADD -> ((Field<Number>) existing).plus((Field<Number>) later);
            case LATEST -> DSL.coalesce((Field<Object>) later, (Field<Object>) existing);
            case EITHER -> DSL.field(DSL.condition((Field<Boolean>) existing).or(DSL.condition((Field<Boolean>) later)));
            case KEEP -> throw new IllegalArgumentException("a kept column is not merged");
        };
    }

    @SuppressWarnings("unchecked")
    private static Condition eq(Field<?> left, Field<?> right) {
        return ((Field<Object>) left).eq((Field<Object>) right);
    }

    /** The columns of a row, declared in the table's order. */
    public static final class Builder<C> {

        private final Table<?> table;
        private final List<Column<C>> columns = new ArrayList<>();

        private Builder(Table<?> table) {
            this.table = Objects.requireNonNull(table, "table");
        }

        /** A column written with the row and left as it is by later writes of the same key. */
        public <T> Builder<C> column(TableField<?, T> field, Function<? super C, ? extends T> value) {
            return add(field, Merge.KEEP, value);
        }

        /** A column to which a later write of the same key adds its value. */
        public <T extends Number> Builder<C> sum(TableField<?, T> field, Function<? super C, ? extends T> value) {
            return add(field, Merge.ADD, value);
        }

        /**
         * A column that takes a later write's value, unless that is null (nothing new). A new row needs a value all
         * the same where the column is NOT NULL: PostgreSQL checks it before it looks for a row of the same key.
         */
        public <T> Builder<C> latest(TableField<?, T> field, Function<? super C, ? extends T> value) {
            return add(field, Merge.LATEST, value);
        }

        /** A flag that stays true once a write of the key has said so. */
        public Builder<C> either(TableField<?, Boolean> field, Function<? super C, Boolean> value) {
            return add(field, Merge.EITHER, value);
        }

        /** @throws IllegalStateException unless every column of the table is declared once, in the table's order */
        public TableRow<C> build() {
            return new TableRow<>(table, columns);
        }

        private Builder<C> add(TableField<?, ?> field, Merge merge, Function<? super C, ?> value) {
            if (field.getTable() != table && !field.getTable().equals(table)) {
                throw new IllegalArgumentException(field.getName() + " is not a column of " + table.getName());
            }
            columns.add(new Column<>(field, merge, Objects.requireNonNull(value, "value"),
                    PostgresCopy.encoderOf(field)));
            return this;
        }
    }
}
