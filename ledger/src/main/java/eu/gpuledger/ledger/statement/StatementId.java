package eu.gpuledger.ledger.statement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A statement, chosen by the client that drafts it: the idempotency key of {@code POST /statements}. */
public record StatementId(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public StatementId {
        Identifiers.requirePresent(value, "statementId");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static StatementId of(String value) {
        return new StatementId(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static StatementId parse(String value, String field) {
        return new StatementId(Identifiers.require(value, field));
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
