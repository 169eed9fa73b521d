package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A refund can never give back more than the job was charged, over all refunds of that job (a job's own rule). */
public class RefundExceedsCharge extends RuleRefusal {
    public RefundExceedsCharge(String message) {
        super(message);
    }

    /** A job's refunds together give back at most what it was charged; each gives back something. */
    static void assertWithinCharge(UsageRecordId job, GpuSeconds charged, GpuSeconds refundable, GpuSeconds amount) {
        if (!amount.isPositive() || amount.isGreaterThan(refundable)) {
            throw new RefundExceedsCharge("job " + job + " was charged " + charged.value() + " GPU-seconds, "
                    + charged.minus(refundable).value() + " already refunded: at most " + refundable.value()
                    + " can be refunded, not " + amount.value());
        }
    }

    @Override
    public String problem() {
        return "refund-exceeds-charge";
    }
}
