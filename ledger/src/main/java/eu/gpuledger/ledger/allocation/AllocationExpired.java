package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The allocation's period ended; the hours left lapsed (no rollover).
 *
 * @param lapsed the balance that lapsed, zero when nothing was left
 */
@Revision("1")
public record AllocationExpired(AllocationId allocationId, GpuSeconds lapsed, Instant periodEnd)
        implements AllocationMovement {
}
