package eu.gpuledger.reports.statement.invoice;

import eu.gpuledger.ledger.refusal.RuleRefusal;
import eu.gpuledger.ledger.statement.StatementId;

/**
 * A Factur-X invoice is asked of a statement that is not an invoice: only a private provider's paid-use statement to
 * its customer is one (docs/statement-documents.md). A fund statement or a JU billing statement bills nobody.
 */
public class FacturXNotAvailable extends RuleRefusal {

    public FacturXNotAvailable(StatementId statementId) {
        this(statementId, "is not an issued paid-use statement: only those are invoices and have a Factur-X form"
                + " (format=facturx)");
    }

    public FacturXNotAvailable(StatementId statementId, String why) {
        super("statement " + statementId.value() + " " + why + "; read it as json, csv or pdf");
    }

    @Override
    public String problem() {
        return "facturx-not-available";
    }
}
