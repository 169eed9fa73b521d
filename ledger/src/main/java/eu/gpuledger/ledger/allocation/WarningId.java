package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** Client-chosen id of an under-consumption warning. */
public record WarningId(String value) {

    public WarningId {
        Identifiers.require(value, "warningId");
    }

    @JsonCreator
    public static WarningId of(String value) {
        return new WarningId(value);
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
