package eu.gpuledger.projections.batch;

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

    public String of(String table) {
        return table + suffix;
    }
}
