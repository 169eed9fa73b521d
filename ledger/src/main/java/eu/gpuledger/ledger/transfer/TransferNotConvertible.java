package eu.gpuledger.ledger.transfer;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** Two pools with neither factors nor prices in force on both sides cannot exchange hours. */
public class TransferNotConvertible extends RuleRefusal {
    public TransferNotConvertible(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "transfer-not-convertible";
    }
}
