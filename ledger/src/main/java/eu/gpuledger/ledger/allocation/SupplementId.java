package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** Client-chosen id of a supplement: the idempotency key of that write. */
public record SupplementId(String value) {

    public SupplementId {
        Identifiers.require(value, "supplementId");
    }

    @JsonCreator
    public static SupplementId of(String value) {
        return new SupplementId(value);
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
