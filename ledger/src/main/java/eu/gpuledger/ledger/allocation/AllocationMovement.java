package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;

/**
 * An event that moves an allocation's hours, and which bucket it moves by how much: one table for the aggregate and
 * every read model to fold the events by ({@link Buckets#plus(AllocationMovement)}). The switches are over a sealed
 * type, so a new movement does not compile until it is placed here. They are not record components, so the events'
 * stored JSON does not change.
 */
public sealed interface AllocationMovement permits AllocationGranted, AllocationSupplemented, ConsumptionRecorded,
        ConsumptionRefunded, TransferDebited, TransferCredited, TransferDebitReversed, AllocationClawedBack,
        AllocationExpired {

    AllocationId allocationId();

    default Bucket bucket() {
        return switch (this) {
            case AllocationGranted granted -> Bucket.GRANTED;
            case AllocationSupplemented supplemented -> Bucket.SUPPLEMENTED;
            case ConsumptionRecorded consumed -> Bucket.CONSUMED;
            case ConsumptionRefunded refunded -> Bucket.REFUNDED;
            case TransferCredited credited -> Bucket.TRANSFERRED_IN;
            case TransferDebited debited -> Bucket.TRANSFERRED_OUT;
            case TransferDebitReversed reversed -> Bucket.TRANSFERRED_OUT;
            case AllocationClawedBack clawedBack -> Bucket.CLAWED_BACK;
            case AllocationExpired expired -> Bucket.EXPIRED;
        };
    }

    /** What the movement adds to its bucket; negative for a reversal, which takes a debit back out of it. */
    default GpuSeconds amount() {
        return switch (this) {
            case AllocationGranted granted -> granted.granted();
            case AllocationSupplemented supplemented -> supplemented.gpuSeconds();
            case ConsumptionRecorded consumed -> consumed.total();
            case ConsumptionRefunded refunded -> refunded.gpuSeconds();
            case TransferCredited credited -> credited.gpuSeconds();
            case TransferDebited debited -> debited.gpuSeconds();
            case TransferDebitReversed reversed -> reversed.gpuSeconds().negate();
            case AllocationClawedBack clawedBack -> clawedBack.gpuSeconds();
            case AllocationExpired expired -> expired.lapsed();
        };
    }
}
