package eu.gpuledger.ledger.rate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A rate card entry, chosen by the client that adds it: the idempotency key of {@code POST /rates}. */
public record RateId(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public RateId {
        Identifiers.requirePresent(value, "rateId");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static RateId of(String value) {
        return new RateId(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static RateId parse(String value, String field) {
        return new RateId(Identifiers.require(value, field));
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
