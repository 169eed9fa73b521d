package eu.gpuledger.ledger.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** One priced, accounted class of GPUs at a provider, e.g. Jean Zay gpu_p6 (H100). */
public record PoolId(String value) {

    public PoolId {
        Identifiers.require(value, "poolId");
    }

    @JsonCreator
    public static PoolId of(String value) {
        return new PoolId(value);
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
