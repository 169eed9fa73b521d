package eu.gpuledger.ledger.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** A provider (centre) that runs machines: IDRIS, CINES, TGCC, a private GPU cloud. */
public record ProviderId(String value) {

    public ProviderId {
        Identifiers.require(value, "providerId");
    }

    @JsonCreator
    public static ProviderId of(String value) {
        return new ProviderId(value);
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
