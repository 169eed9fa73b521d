package eu.gpuledger.ledger.usage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** One usage record (one job): for Slurm imports, cluster and JobIDRaw. */
public record UsageRecordId(String value) {

    public UsageRecordId {
        Identifiers.require(value, "recordId");
    }

    @JsonCreator
    public static UsageRecordId of(String value) {
        return new UsageRecordId(value);
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
