package eu.gpuledger.projections.batch;

import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Objects;

/**
 * Where a unit of work writes a projection's rows: the live tables, or the shadow tables a rebuild fills before it
 * swaps them in. The same handlers serve both, so a rebuilt table cannot drift from the live one by a second code
 * path.
 */
public record TableNames(String suffix) {

    public static final TableNames LIVE = new TableNames("");
    public static final TableNames REBUILD = new TableNames("_rebuild");

    static final String RESOURCE_KEY = TableNames.class.getName();

    public TableNames {
        Objects.requireNonNull(suffix, "suffix");
    }

    public String of(String table) {
        return table + suffix;
    }

    /** Marks a unit of work (a rebuild's batch) as writing to these tables. */
    public void bindTo(UnitOfWork<?> unitOfWork) {
        unitOfWork.root().resources().put(RESOURCE_KEY, this);
    }

    static TableNames of(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrDefaultResource(RESOURCE_KEY, LIVE);
    }
}
