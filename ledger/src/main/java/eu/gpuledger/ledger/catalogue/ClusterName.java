package eu.gpuledger.ledger.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A Slurm cluster as named in its accounting (ClusterName in slurm.conf), e.g. jean-zay. */
public record ClusterName(String value) {

    public ClusterName {
        Identifiers.require(value, "cluster");
    }

    @JsonCreator
    public static ClusterName of(String value) {
        return new ClusterName(value);
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
