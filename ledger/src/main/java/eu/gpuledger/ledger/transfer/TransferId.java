package eu.gpuledger.ledger.transfer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** Client-chosen id of a transfer between two allocations: its idempotency key. */
public record TransferId(String value) {

    public TransferId {
        Identifiers.require(value, "transferId");
    }

    @JsonCreator
    public static TransferId of(String value) {
        return new TransferId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
