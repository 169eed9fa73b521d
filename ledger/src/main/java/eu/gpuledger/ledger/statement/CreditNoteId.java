package eu.gpuledger.ledger.statement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A credit note, chosen by the client that issues it: the idempotency key of a cancellation. */
public record CreditNoteId(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public CreditNoteId {
        Identifiers.requirePresent(value, "creditNoteId");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static CreditNoteId of(String value) {
        return new CreditNoteId(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static CreditNoteId parse(String value, String field) {
        return new CreditNoteId(Identifiers.require(value, field));
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
