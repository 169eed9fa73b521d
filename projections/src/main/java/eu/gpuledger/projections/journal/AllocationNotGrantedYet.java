package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.refusal.LedgerRefusal;

import java.time.Instant;

/**
 * A balance view was asked as it stood before the allocation existed: before its period started (asOf), or before
 * its grant was recorded (knownAt). The allocation did not exist then, so there is no balance to show (404), rather
 * than an ACTIVE allocation with nothing in it (docs/time-travel.md).
 */
public class AllocationNotGrantedYet extends LedgerRefusal {

    private AllocationNotGrantedYet(String message) {
        super(message);
    }

    static AllocationNotGrantedYet asOf(AllocationId allocationId, Instant asOf, Instant periodStart) {
        return new AllocationNotGrantedYet("allocation " + allocationId.value() + " was not granted yet at " + asOf
                + " (asOf): its period starts at " + periodStart);
    }

    static AllocationNotGrantedYet knownAt(AllocationId allocationId, Instant knownAt, Instant recordedAt) {
        return new AllocationNotGrantedYet("allocation " + allocationId.value() + " was not granted yet as known at "
                + knownAt + " (knownAt): its grant was recorded at " + recordedAt);
    }

    @Override
    public Kind kind() {
        return Kind.UNKNOWN_REFERENCE;
    }

    @Override
    public String problem() {
        return "not-granted-yet";
    }
}
