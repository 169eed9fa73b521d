package eu.gpuledger.ledger.usage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** One usage record (one job): for Slurm imports, cluster and JobIDRaw. */
public record UsageRecordId(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public UsageRecordId {
        Identifiers.requirePresent(value, "recordId");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static UsageRecordId of(String value) {
        return new UsageRecordId(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static UsageRecordId parse(String value, String field) {
        return new UsageRecordId(Identifiers.require(value, field));
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
