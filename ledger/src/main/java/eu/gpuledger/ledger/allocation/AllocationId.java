package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** An allocation (grant) of GPU-hours: one project, pool, funding source and period. */
public record AllocationId(String value) {

    public AllocationId {
        Identifiers.require(value, "allocationId");
    }

    @JsonCreator
    public static AllocationId of(String value) {
        return new AllocationId(value);
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
