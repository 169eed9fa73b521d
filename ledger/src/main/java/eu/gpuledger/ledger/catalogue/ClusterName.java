package eu.gpuledger.ledger.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A Slurm cluster as named in its accounting (ClusterName in slurm.conf), e.g. jean-zay. */
public record ClusterName(String value) {

    /** Refuses only null: an id read back from a stored event loads whatever rule the edge applies by then. */
    public ClusterName {
        Identifiers.requirePresent(value, "cluster");
    }

    /** An id as the ledger stored it (an event, the directory): not checked again. */
    @JsonCreator
    public static ClusterName of(String value) {
        return new ClusterName(value);
    }

    /** An id as a client sent it, checked by {@link Identifiers#require}: the refusal names {@code field}. */
    public static ClusterName parse(String value, String field) {
        return new ClusterName(Identifiers.require(value, field));
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
