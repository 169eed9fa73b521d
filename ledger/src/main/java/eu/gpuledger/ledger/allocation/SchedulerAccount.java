package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import eu.gpuledger.ledger.identity.Identifiers;

/** The account a scheduler charges jobs to, e.g. nxk@h100 on Jean Zay. */
public record SchedulerAccount(String value) {

    public SchedulerAccount {
        Identifiers.require(value, "schedulerAccount");
    }

    @JsonCreator
    public static SchedulerAccount of(String value) {
        return new SchedulerAccount(value);
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
