package eu.gpuledger.ledger.correction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** Client-chosen id of a correction of descriptive data: sending it again changes nothing more. */
public record CorrectionId(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public CorrectionId {
        Identifiers.requirePresent(value, "correctionId");
    }

    /** An id as the ledger stored it (an event): not checked again. */
    @JsonCreator
    public static CorrectionId of(String value) {
        return new CorrectionId(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static CorrectionId parse(String value, String field) {
        return new CorrectionId(Identifiers.require(value, field));
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
