package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** The account a scheduler charges jobs to, e.g. nxk@h100 on Jean Zay. */
public record SchedulerAccount(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public SchedulerAccount {
        Identifiers.requirePresent(value, "schedulerAccount");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static SchedulerAccount of(String value) {
        return new SchedulerAccount(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static SchedulerAccount parse(String value, String field) {
        return new SchedulerAccount(Identifiers.require(value, field));
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
