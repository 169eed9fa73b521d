package eu.gpuledger.projections.batch;

import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.TableImpl;

import java.util.Objects;

/**
 * Where a projection's changes are written: the live tables, or the shadow tables a rebuild fills before it swaps
 * them in. The same handlers serve both, so a rebuilt table cannot drift from the live one by a second code path.
 */
public record TableNames(String suffix) {

    public static final TableNames LIVE = new TableNames("");
    public static final TableNames REBUILD = new TableNames("_rebuild");

    public TableNames {
        Objects.requireNonNull(suffix, "suffix");
    }

    /** The name of a table (or of one of its indexes) here. */
    public String of(String table) {
        return table + suffix;
    }

    /** A typed table here: itself, or its shadow with the same columns under the shadow's name. */
    public <R extends Record> Table<R> of(Table<R> table) {
        if (suffix.isEmpty()) {
            return table;
        }
        if (!(table instanceof TableImpl<R> typed)) {
            throw new IllegalArgumentException(table.getName() + " is not a typed table");
        }
        return typed.rename(DSL.name(of(table.getName())));
    }
}
