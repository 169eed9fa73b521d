package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.refusal.InvalidInput;

/** A usage import whose header line lacks a column the ledger needs; nothing of the import is read (HTTP 400). */
public class MissingRequiredColumn extends InvalidInput {

    public MissingRequiredColumn(String column, String format) {
        super(column, "is a required column of " + format + " input and is missing from its header (line 1)");
    }

    @Override
    public String problem() {
        return "missing-required-column";
    }
}
