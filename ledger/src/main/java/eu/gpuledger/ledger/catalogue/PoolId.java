package eu.gpuledger.ledger.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** One priced, accounted class of GPUs at a provider, e.g. Jean Zay gpu_p6 (H100). */
public record PoolId(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public PoolId {
        Identifiers.requirePresent(value, "poolId");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static PoolId of(String value) {
        return new PoolId(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static PoolId parse(String value, String field) {
        return new PoolId(Identifiers.require(value, field));
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
