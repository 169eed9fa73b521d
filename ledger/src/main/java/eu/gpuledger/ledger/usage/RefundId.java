package eu.gpuledger.ledger.usage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** Client-chosen id of a refund: the idempotency key of that write. */
public record RefundId(String value) {

    public RefundId {
        Identifiers.require(value, "refundId");
    }

    @JsonCreator
    public static RefundId of(String value) {
        return new RefundId(value);
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
