package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** A completed transfer cannot be rejected, nor a rejected one completed: the outcome of a transfer is final. */
public class TransferAlreadySettled extends RuleRefusal {
    public TransferAlreadySettled(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "transfer-already-settled";
    }
}
