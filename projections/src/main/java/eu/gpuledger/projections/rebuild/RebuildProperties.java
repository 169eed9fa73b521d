package eu.gpuledger.projections.rebuild;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a projection rebuild reads, hands on and writes events ({@code ledger.rebuild.*}); docs/projection-rebuild.md
 * says why these sizes: larger batches mean more events in flight between the stages, which the collector copies.
 *
 * @param readBatchSize events read from the event store per query (Axon's default of 100 costs a million events
 *                      10,000 round trips)
 * @param batchSize     events handed to the projections' handlers at a time
 * @param insertRows    rows a rebuilt projection that only inserts (the journal) gathers before writing them
 * @param mergeRows     rows a rebuilt projection of sums (balances, daily usage) gathers before writing them; past it
 *                      the shadow table gets its indexes early and the rest is merged
 */
@ConfigurationProperties("ledger.rebuild")
@Validated
public record RebuildProperties(@DefaultValue("1000") @Min(100) @Max(100_000) int readBatchSize,
                                @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,
                                @DefaultValue("20000") @Min(1) @Max(100_000_000) long insertRows,
                                @DefaultValue("2000000") @Min(1) @Max(100_000_000) long mergeRows) {
}
