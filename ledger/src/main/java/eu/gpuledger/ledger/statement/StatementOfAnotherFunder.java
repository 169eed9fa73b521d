package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * A funder's statement names an allocation another funder pays for (HTTP 422): drawn up, it would be a statement of
 * nothing under that allocation's name, which reads like "nothing moved".
 */
public class StatementOfAnotherFunder extends RuleRefusal {

    public StatementOfAnotherFunder(String message) {
        super(message);
    }

    @Override
    public String problem() {
        return "statement-of-another-funder";
    }
}
