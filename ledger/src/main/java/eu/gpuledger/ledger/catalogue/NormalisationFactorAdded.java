package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.quantity.NormalisationFactor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A new effective-dated version of a pool's normalisation factor. Versions are added, never edited. */
@Revision("1")
public record NormalisationFactorAdded(PoolId poolId, Instant effectiveFrom, NormalisationFactor factor) {
}
