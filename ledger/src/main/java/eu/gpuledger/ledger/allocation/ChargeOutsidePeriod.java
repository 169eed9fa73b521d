package eu.gpuledger.ledger.allocation;

import java.time.Instant;
import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A job is charged to the allocation whose period holds its end time (DOMAIN.md rule 1), never to another. */
public class ChargeOutsidePeriod extends RuleRefusal {
    public ChargeOutsidePeriod(String message) {
        super(message);
    }

    /** Rule 1: a job belongs to the allocation whose half-open period holds its end. */
    static void assertWithinPeriod(AllocationGranted grant, Instant effectiveAt, String what) {
        if (effectiveAt.isBefore(grant.periodStart()) || !effectiveAt.isBefore(grant.periodEnd())) {
            throw new ChargeOutsidePeriod(what + " ended at " + effectiveAt + ", outside allocation "
                    + grant.allocationId() + "'s period [" + grant.periodStart() + ", " + grant.periodEnd() + ")");
        }
    }

    @Override
    public String problem() {
        return "charge-outside-period";
    }
}
