package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The project was warned that it is behind the expected pace (granted hours × days elapsed / days in the period).
 * A claw-back is allowed only after such a warning, a configured number of days earlier.
 */
@Revision("1")
public record UnderConsumptionWarned(AllocationId allocationId, WarningId warningId, Instant warnedAt,
                                     GpuSeconds expectedByNow, GpuSeconds consumedByNow, String reason) {
}
