package eu.gpuledger.ledger.quantity;

/** A quantity given in a unit the ledger cannot hold exactly (e.g. hours that are not whole GPU-seconds). */
public class InexactQuantityException extends IllegalArgumentException {
    public InexactQuantityException(String message) {
        super(message);
    }
}
