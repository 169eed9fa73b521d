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
 * <p>
 * A rebuild binds a {@link RebuildWrites} to the thread that runs its handlers instead: the same handlers gather into
 * the same kind of changes, which then outlive the unit of work and are written when they are large (or at the end),
 * into shadow tables that nobody reads yet.
 */
public final class BatchOfEvents {

    private BatchOfEvents() {
    }

    /**
     * The writes gathered so far under {@code key}: in the rebuild whose handlers run on this thread, or else in the
     * current batch, created (and registered to be written before the batch commits) on the batch's first event.
     */
    public static <W extends PendingWrites> W pendingWrites(String key, DSLContext sql, Supplier<W> newWrites) {
        RebuildWrites rebuild = RebuildWrites.onThisThread();
        if (rebuild != null) {
            return rebuild.writes(key, newWrites);
        }
        UnitOfWork<?> root = currentRoot();
        return root.getOrComputeResource(key, ignored -> {
            W writes = newWrites.get();
            root.onPrepareCommit(unitOfWork -> writes.writeTo(sql, TableNames.LIVE));
            return writes;
        });
    }

    /**
     * The global index of the event being handled when the reader of the events knew it (a rebuild does), or null:
     * a live processor's token is the segment's position, which is not the index of an event that filled a gap.
     */
    public static Long knownGlobalIndex(String eventIdentifier) {
        RebuildWrites rebuild = RebuildWrites.onThisThread();
        return rebuild == null ? null : rebuild.globalIndexOf(eventIdentifier);
    }

    private static UnitOfWork<?> currentRoot() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a projection handles events only inside a unit of work");
        }
        return CurrentUnitOfWork.get().root();
    }
}
