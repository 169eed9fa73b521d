package eu.gpuledger.ledger.catalogue;

import org.axonframework.serialization.Revision;

/**
 * A pool's size, in nodes, from an instant on: an effective-dated version, never edited (a change is a new version).
 * With the pool's GPUs per node it gives the pool's capacity in GPU-seconds over a period, which the EuroHPC JU
 * billing statement measures the JU share against (Regulation 2021/1173 art. 17; docs/statements.md).
 *
 * @param effectiveFrom {@link Pool#SIZED_FROM_THE_START} for the size the pool was first given
 */
@Revision("1")
public record PoolSized(PoolId poolId, java.time.Instant effectiveFrom, int nodes) {
}
