package eu.gpuledger.ledger.allocation;

import java.time.Instant;
import eu.gpuledger.ledger.refusal.RuleRefusal;

/** An allocation expires only at the end of its period. */
public class PeriodNotEnded extends RuleRefusal {
    public PeriodNotEnded(String message) {
        super(message);
    }

    static void assertEnded(AllocationGranted grant, Instant now) {
        if (now.isBefore(grant.periodEnd())) {
            throw new PeriodNotEnded("allocation " + grant.allocationId() + " runs until " + grant.periodEnd());
        }
    }

    @Override
    public String problem() {
        return "period-not-ended";
    }
}
