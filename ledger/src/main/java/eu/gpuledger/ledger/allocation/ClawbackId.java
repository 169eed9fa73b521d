package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** Client-chosen id of a claw-back: the idempotency key of that write. */
public record ClawbackId(String value) {

    public ClawbackId {
        Identifiers.require(value, "clawbackId");
    }

    @JsonCreator
    public static ClawbackId of(String value) {
        return new ClawbackId(value);
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
