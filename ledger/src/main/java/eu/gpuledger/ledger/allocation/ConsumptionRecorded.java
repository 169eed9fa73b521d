package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Jobs were charged to an allocation. One event carries a batch of charges, so that an import of a million jobs
 * is thousands of events rather than a million (STACK.md trap 9). Hours used are recorded even when the
 * allocation is blocked or suspended: they were used.
 *
 * @param total the sum of the charges' GPU-seconds
 */
@Revision("1")
public record ConsumptionRecorded(AllocationId allocationId, List<Charge> charges, GpuSeconds total)
        implements AllocationMovement {
}
