package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** An allocation (grant) of GPU-hours: one project, pool, funding source and period. */
public record AllocationId(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public AllocationId {
        Identifiers.requirePresent(value, "allocationId");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static AllocationId of(String value) {
        return new AllocationId(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static AllocationId parse(String value, String field) {
        return new AllocationId(Identifiers.require(value, field));
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
