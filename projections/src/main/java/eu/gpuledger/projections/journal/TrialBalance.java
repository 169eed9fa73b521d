package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.util.List;

/** Debits and credits per ledger account over a period of effective time, and their totals, which are equal. */
public record TrialBalance(List<AccountTotals> accounts, GpuSeconds totalDebits, GpuSeconds totalCredits) {

    public record AccountTotals(String account, GpuSeconds debits, GpuSeconds credits) {

        /** Debits minus credits: for an allocation account, the hours it holds. */
        public GpuSeconds balance() {
            return debits.minus(credits);
        }
    }

    public boolean isBalanced() {
        return totalDebits.equals(totalCredits);
    }
}
