package eu.gpuledger.reports.statement.invoice;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/** An invoice names a party that lacks a field EN 16931 requires: no invoice is written (422, naming the field). */
public class InvoicePartyIncomplete extends RuleRefusal {

    private final String field;

    public InvoicePartyIncomplete(String role, String field, String why) {
        super("the invoice's " + role + " has no usable " + field + ": " + field + " " + why);
        this.field = role + "." + field;
    }

    /** The field, as {@code seller.vatId}. */
    public String field() {
        return field;
    }

    @Override
    public String problem() {
        return "invoice-party-incomplete";
    }
}
