package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.allocation.FundingSource;

/**
 * How statements are numbered: per funder and calendar year of issue (UTC), from 1, without gaps, as invoices must
 * be (French tax rules ask for an unbroken sequence). The next number is taken from the directory under a lock held
 * until the issuing command commits, and written in that same transaction: a rolled-back issue takes no number, two
 * concurrent issues get consecutive ones.
 */
public final class StatementNumbering {

    /** Statements a funder issues in a year at most: the number's width. */
    public static final int SEQUENCE_MAX = 999_999;

    private StatementNumbering() {
    }

    public static String number(FundingSource funder, int year, int sequence) {
        return "%s-%d-%06d".formatted(funder.name(), year, sequence);
    }
}
