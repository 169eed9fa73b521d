package eu.gpuledger.ledger.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A project (dossier), e.g. 2025-A0191012641 or 2024-AD011014949. */
public record ProjectId(String value) {

    public ProjectId {
        Identifiers.require(value, "projectId");
    }

    @JsonCreator
    public static ProjectId of(String value) {
        return new ProjectId(value);
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
