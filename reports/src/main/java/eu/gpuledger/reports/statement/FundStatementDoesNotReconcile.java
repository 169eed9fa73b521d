package eu.gpuledger.reports.statement;

/**
 * A fund statement whose opening balance plus its credits minus its debits is not its closing balance, each summed
 * from the journal on its own, or whose closing balance is not the allocation's balance view at the period's end. It is never shown or issued: a statement that does not add up is a fault of the
 * ledger, to be found, not a document to send (HTTP 500, naming the allocation and both figures).
 */
public class FundStatementDoesNotReconcile extends RuntimeException {

    public FundStatementDoesNotReconcile(String allocationId, long opening, long credits, long debits, long closing) {
        super("the fund statement of allocation " + allocationId + " does not reconcile: opening " + opening
                + " + credits " + credits + " - debits " + debits + " = " + (opening + credits - debits)
                + " GPU-seconds, but its closing balance is " + closing);
    }

    public FundStatementDoesNotReconcile(String allocationId, long closing, long balanceView) {
        super("the fund statement of allocation " + allocationId + " does not reconcile: its closing balance is "
                + closing + " GPU-seconds, but its balance view at the period's end is " + balanceView);
    }
}
