package eu.gpuledger.projections.batch;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;

import java.util.function.Supplier;

/**
 * A pooled streaming processor handles a whole batch of events (up to its batch size) in one unit of work and one
 * transaction, and stores the segment's token in that transaction's prepare-commit phase. A projection keeps its
 * changes in a resource of that unit of work and writes them once, in the same prepare-commit phase: the rows and
 * the token commit or roll back together, and a batch of 500 events costs a few statements instead of 500.
 */
public final class BatchOfEvents {

    private BatchOfEvents() {
    }

    /**
     * The writes gathered so far in the current batch under {@code key}, created (and registered to be written
     * before the batch commits) on the batch's first event.
     */
    public static <W extends PendingWrites> W pendingWrites(String key, DSLContext sql, Supplier<W> newWrites) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a projection handles events only inside a unit of work");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(key, ignored -> {
            W writes = newWrites.get();
            TableNames tables = TableNames.of(root);
            root.onPrepareCommit(unitOfWork -> writes.writeTo(sql, tables));
            return writes;
        });
    }
}
