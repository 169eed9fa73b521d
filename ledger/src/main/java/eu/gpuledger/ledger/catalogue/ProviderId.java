package eu.gpuledger.ledger.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A provider (centre) that runs machines: IDRIS, CINES, TGCC, a private GPU cloud. */
public record ProviderId(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public ProviderId {
        Identifiers.requirePresent(value, "providerId");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static ProviderId of(String value) {
        return new ProviderId(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static ProviderId parse(String value, String field) {
        return new ProviderId(Identifiers.require(value, field));
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
