package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A refund can never give back more than the job was charged, over all refunds of that job. */
public class RefundExceedsCharge extends RuleRefusal {
    public RefundExceedsCharge(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "refund-exceeds-charge";
    }
}
