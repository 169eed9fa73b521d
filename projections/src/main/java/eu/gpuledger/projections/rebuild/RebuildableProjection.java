package eu.gpuledger.projections.rebuild;

import org.jooq.Table;

import java.util.List;

/**
 * A projection that can be rebuilt from the event store while the service runs: its event handlers write through
 * {@link eu.gpuledger.projections.batch.BatchOfEvents}, so the same handlers can fill shadow tables.
 */
public interface RebuildableProjection {

    /** The processing group, which is also the projection's name in the admin API and the CLI. */
    String processingGroup();

    /** Every table the projection owns (typed); a rebuild builds a shadow of each and swaps them all at once. */
    List<Table<?>> tables();
}
