package eu.gpuledger.projections.batch;

import org.jooq.DSLContext;

/** The changes one projection gathered from a batch of events, written in a handful of statements. */
public interface PendingWrites {

    void writeTo(DSLContext sql, TableNames tables);
}
