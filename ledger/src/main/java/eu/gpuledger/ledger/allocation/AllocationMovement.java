package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;

/**
 * An event that moves an allocation's hours: it says which bucket it moves and by how much, so that the aggregate
 * and every read model fold it the same way ({@link Buckets#plus(AllocationMovement)}). The accessors are not
 * record components, so the events' stored JSON does not change.
 */
public sealed interface AllocationMovement permits AllocationGranted, AllocationSupplemented, ConsumptionRecorded,
        ConsumptionRefunded, TransferDebited, TransferCredited, TransferDebitReversed, AllocationClawedBack,
        AllocationExpired {

    AllocationId allocationId();

    Bucket bucket();

    /** What the movement adds to its bucket; negative for a reversal. */
    GpuSeconds amount();
}
