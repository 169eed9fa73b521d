package eu.gpuledger.ledger.statement;

/**
 * What a statement tells its funder (API.md, issue 14). BILLING: the hours a funder pays for, valued at its rates
 * (the EuroHPC JU billing statement of a hosting provider, or a private provider's paid-use statement); FUND: the
 * movements of a fund (an allocation, a project's allocations, or all of a funding source's) from an opening to a
 * closing balance, as accounting staff know them from Gold/MAM.
 */
public enum StatementKind {
    BILLING,
    FUND
}
