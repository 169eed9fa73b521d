package eu.gpuledger.projections.batch;

import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The changes a rebuild's replay has gathered and not written yet, per projection. They outlive the units of work
 * the events are handled in: sums per allocation or per day keep folding over hundreds of thousands of events, so
 * that the shadow tables get each row about once, in a few large statements, instead of once per batch of events.
 * <p>
 * The shadow tables start empty and without indexes, which are built once, sorted, rather than kept up to date row
 * by row. Until then a projection may write only rows that are new: any number of times if its writes only insert,
 * else once ({@link PendingWrites#writeNew}); a projection that must merge into rows it wrote before (its changes
 * outgrew the bound before the end of the replay) gets its indexes first.
 * <p>
 * Confined to the rebuild's thread; the writes it hands out run on another, in the order handed out.
 */
public final class RebuildWrites {

    private static final ThreadLocal<RebuildWrites> BOUND = new ThreadLocal<>();

    private final TableNames tables;
    private final Map<String, List<String>> deferredIndexes;
    private final long insertRows;
    private final long mergeRows;
    private final Map<String, PendingWrites> writes = new LinkedHashMap<>();
    private final Set<String> written = new HashSet<>();
    private final Set<String> indexed = new HashSet<>();
    private final Map<String, Long> rowsGiven = new HashMap<>();
    private String eventIdentifier;
    private Long globalIndex;

    /**
     * @param deferredIndexes per projection (the key its handlers gather under), the statements that build its
     *                        shadow tables' indexes
     * @param insertRows      the rows a projection that only inserts gathers before they are written: small enough
     *                        to write while the replay goes on
     * @param mergeRows       the rows a projection that merges (sums per key) gathers before they are written: as
     *                        large as memory allows, since a second write means building its indexes early and
     *                        merging row by row
     */
    public RebuildWrites(TableNames tables, Map<String, List<String>> deferredIndexes, long insertRows,
                         long mergeRows) {
        if (insertRows < 1 || mergeRows < 1) {
            throw new IllegalArgumentException("row bounds must be positive, got " + insertRows + " and " + mergeRows);
        }
        this.tables = tables;
        this.deferredIndexes = Map.copyOf(deferredIndexes);
        this.insertRows = insertRows;
        this.mergeRows = mergeRows;
    }

    /**
     * Makes the events handled on this thread gather into these writes until {@link #unbind}: the thread that runs a
     * rebuild's handlers (a live processor's threads never see them). Bound to the thread rather than looked up in
     * the unit of work, since the handlers ask for it several times per event.
     */
    public void bindToThisThread() {
        BOUND.set(this);
    }

    public static void unbind() {
        BOUND.remove();
    }

    /**
     * Says which event the handlers are about to get, and its position in the event store (null if not known), so
     * that they find it without a lookup by identifier.
     */
    public void handling(String eventIdentifier, Long globalIndex) {
        this.eventIdentifier = eventIdentifier;
        this.globalIndex = globalIndex;
    }

    /** The rebuild whose handlers run on this thread, or null (a live processor's thread). */
    static RebuildWrites onThisThread() {
        return BOUND.get();
    }

    @SuppressWarnings("unchecked")
    <W extends PendingWrites> W writes(String key, Supplier<W> newWrites) {
        return (W) writes.computeIfAbsent(key, ignored -> newWrites.get());
    }

    /** The global index of the event being handled, if that is {@code eventIdentifier} and its index is known. */
    Long globalIndexOf(String eventIdentifier) {
        return eventIdentifier.equals(this.eventIdentifier) ? globalIndex : null;
    }

    /**
     * Takes (and forgets) the changes of each projection that has gathered its bound of rows, as writes to run in
     * this order, each in a transaction, one after the other (a rebuild's writer thread does).
     */
    public List<Consumer<DSLContext>> takeLarge() {
        return take(false);
    }

    /** Takes (and forgets) everything gathered, as {@link #takeLarge} does. */
    public List<Consumer<DSLContext>> takeAll() {
        return take(true);
    }

    private List<Consumer<DSLContext>> take(boolean all) {
        List<Consumer<DSLContext>> taken = new ArrayList<>();
        Iterator<Map.Entry<String, PendingWrites>> pending = writes.entrySet().iterator();
        while (pending.hasNext()) {
            Map.Entry<String, PendingWrites> projection = pending.next();
            PendingWrites changes = projection.getValue();
            if (all || changes.pendingRows() >= (changes.insertsOnly() ? insertRows : mergeRows)) {
                taken.add(write(projection.getKey(), projection.getValue()));
                pending.remove();
            }
        }
        return taken;
    }

    /**
     * What is left of one projection once the bulk of the replay is over: its last changes (null if none), then the
     * builds of its tables' indexes (if not built yet), which may run side by side with each other and with other
     * projections' writes and builds, but only once those last changes are written.
     *
     * @param rows the rows the projection was given during the replay, last changes included: the larger, the longer
     *             its index builds
     */
    public record Remaining(String projection, Consumer<DSLContext> lastWrite, List<Consumer<DSLContext>> indexBuilds,
                            long rows) {
    }

    /**
     * Takes (and forgets) everything gathered, and claims every index not built yet: per projection, largest first,
     * what is left to do once every write taken before is done.
     */
    public List<Remaining> takeRemaining() {
        Set<String> projections = new LinkedHashSet<>(writes.keySet());
        projections.addAll(deferredIndexes.keySet());
        List<Remaining> remaining = new ArrayList<>();
        for (String projection : projections) {
            PendingWrites changes = writes.remove(projection);
            Consumer<DSLContext> lastWrite = changes == null ? null : write(projection, changes);
            List<Consumer<DSLContext>> builds = claimIndexes(projection).stream()
                    .<Consumer<DSLContext>>map(statement -> sql -> sql.execute(statement)).toList();
            if (lastWrite != null || !builds.isEmpty()) {
                remaining.add(new Remaining(projection, lastWrite, builds, rowsGiven.getOrDefault(projection, 0L)));
            }
        }
        remaining.sort(Comparator.comparingLong(Remaining::rows).reversed());
        return remaining;
    }

    /** Decides now, in order, how the changes are to be written; the write itself runs later. */
    private Consumer<DSLContext> write(String projection, PendingWrites changes) {
        rowsGiven.merge(projection, changes.pendingRows(), Long::sum);
        if (indexed.contains(projection) || changes.insertsOnly()) {
            return sql -> changes.writeTo(sql, tables);
        }
        if (written.add(projection)) {
            return sql -> changes.writeNew(sql, tables);
        }
        List<String> indexes = claimIndexes(projection);
        return sql -> {
            indexes.forEach(sql::execute);
            changes.writeTo(sql, tables);
        };
    }

    /** The statements that build the projection's indexes, marked as built; none if they were claimed before. */
    private List<String> claimIndexes(String projection) {
        return indexed.add(projection) ? deferredIndexes.getOrDefault(projection, List.of()) : List.of();
    }
}
