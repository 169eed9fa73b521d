package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Part or all of a job's charge was given back (a job killed by a node failure, say). Like usage corrections at
 * ACCESS, the refund carries the original job's effective time, so reports by period stay right, and the factor
 * and price its charge used, so normalised hours and money are given back at the rates they were taken at.
 *
 * @param factor the normalisation factor of the original charge; null when it had none
 * @param price  the price of the original charge; null when it had none
 */
@Revision("1")
public record ConsumptionRefunded(AllocationId allocationId, RefundId refundId, UsageRecordId recordId,
                                  GpuSeconds gpuSeconds, Instant effectiveAt, NormalisationFactor factor,
                                  PricePerGpuHour price, String reason) implements AllocationMovement {
}
