package eu.gpuledger.projections.batch;

import org.jooq.DSLContext;

/** The changes one projection gathered from a batch of events, written in a handful of statements. */
public interface PendingWrites {

    /** Writes the changes into tables that may hold rows already (and have all their indexes). */
    void writeTo(DSLContext sql, TableNames tables);

    /**
     * Writes the changes into a rebuild's fresh shadow tables, which are empty and have no index yet: every row is
     * new, so it is inserted (COPY where it counts), never merged. The default is {@link #writeTo}, right for
     * projections whose writes only ever insert rows ({@link #insertsOnly}).
     */
    default void writeNew(DSLContext sql, TableNames tables) {
        if (!insertsOnly()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " merges into rows it wrote before"
                    + " and must say how to write into empty tables");
        }
        writeTo(sql, tables);
    }

    /**
     * Whether {@link #writeTo} only inserts rows that do not exist yet (with no conflict target): such writes may go
     * into a rebuild's shadow tables again and again before they get their indexes.
     */
    default boolean insertsOnly() {
        return false;
    }

    /**
     * About how many rows {@link #writeTo} would write now: a rebuild, which keeps gathering across many batches,
     * writes a projection's changes once this grows past its bound, so that memory stays bounded.
     */
    long pendingRows();
}
