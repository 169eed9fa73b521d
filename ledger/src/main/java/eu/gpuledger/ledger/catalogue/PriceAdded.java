package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A new effective-dated version of a pool's price per GPU-hour. Versions are added, never edited. */
@Revision("1")
public record PriceAdded(PoolId poolId, Instant effectiveFrom, PricePerGpuHour price) {
}
