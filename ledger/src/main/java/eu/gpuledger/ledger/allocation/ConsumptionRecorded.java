package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Jobs were charged to an allocation. One event carries a batch of charges, so that an import of a million jobs
 * is thousands of events rather than a million. Hours used are recorded even when the allocation is blocked or
 * suspended: they were used.
 * <p>
 * Revision 2 stores each fact once: neither the total nor each charge's GPU-seconds, both of which follow from
 * the charges (revision 1 stored both; {@link ConsumptionRecordedUpcaster} reads it, and refuses a stored event
 * whose stored figures disagree with what they follow from, rather than change a balance without a word).
 */
@Revision("2")
public record ConsumptionRecorded(AllocationId allocationId, List<Charge> charges) implements AllocationMovement {

    /** The sum of the charges' GPU-seconds. */
    public GpuSeconds total() {
        long total = 0;
        for (Charge charge : charges) {
            total = Math.addExact(total, charge.gpuSeconds().value());
        }
        return GpuSeconds.of(total);
    }
}
