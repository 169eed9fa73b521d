package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static eu.gpuledger.projections.schema.Tables.JOURNAL_ALLOCATION;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;

/** Reads the journal. */
@Component
public class JournalQueries {

    private final DSLContext sql;

    public JournalQueries(DSLContext sql) {
        this.sql = sql;
    }

    /**
     * The trial balance of the entries whose effective time is in [from, to); either bound may be null (open). The
     * entries are summed per allocation and movement, which fix both accounts of each entry; each sum is then a debit
     * of one account and a credit of the other, so any such period keeps debits equal to credits.
     */
    public TrialBalance trialBalance(Instant from, Instant to) {
        Condition period = noCondition();
        if (from != null) {
            period = period.and(JOURNAL_ENTRY.EFFECTIVE_AT.ge(from));
        }
        if (to != null) {
            period = period.and(JOURNAL_ENTRY.EFFECTIVE_AT.lt(to));
        }
        Field<BigDecimal> amount = sum(JOURNAL_ENTRY.AMOUNT).as(JOURNAL_ENTRY.AMOUNT.getUnqualifiedName());
        var sums = sql.select(JOURNAL_ENTRY.ALLOCATION_NO, JOURNAL_ENTRY.MOVEMENT, amount).from(JOURNAL_ENTRY)
                .where(period).groupBy(JOURNAL_ENTRY.ALLOCATION_NO, JOURNAL_ENTRY.MOVEMENT).asTable("sums");
        Map<String, long[]> sides = new TreeMap<>();
        sql.select(JOURNAL_ALLOCATION.ALLOCATION_ID, JOURNAL_ALLOCATION.FUNDING_SOURCE, JOURNAL_ALLOCATION.POOL_ID,
                        sums.field(JOURNAL_ENTRY.MOVEMENT), sums.field(amount))
                .from(sums).join(JOURNAL_ALLOCATION)
                .on(JOURNAL_ALLOCATION.ALLOCATION_NO.eq(sums.field(JOURNAL_ENTRY.ALLOCATION_NO)))
                .fetch().forEach(row -> {
                    Movement kind = Movement.valueOf(row.value4());
                    String own = LedgerAccount.allocation(row.value1());
                    String counter = LedgerAccount.counter(kind, FundingSource.valueOf(row.value2()), row.value3());
                    long seconds = row.value5().longValueExact();
                    add(sides, kind.intoAllocation() ? own : counter, 0, seconds);
                    add(sides, kind.intoAllocation() ? counter : own, 1, seconds);
                });
        List<TrialBalance.AccountTotals> accounts = new ArrayList<>();
        GpuSeconds totalDebits = GpuSeconds.ZERO;
        GpuSeconds totalCredits = GpuSeconds.ZERO;
        for (Map.Entry<String, long[]> account : sides.entrySet()) {
            TrialBalance.AccountTotals totals = new TrialBalance.AccountTotals(account.getKey(),
                    GpuSeconds.of(account.getValue()[0]), GpuSeconds.of(account.getValue()[1]));
            accounts.add(totals);
            totalDebits = totalDebits.plus(totals.debits());
            totalCredits = totalCredits.plus(totals.credits());
        }
        return new TrialBalance(accounts, totalDebits, totalCredits);
    }

    /** Adds {@code seconds} to the debits (side 0) or credits (side 1) of {@code account}. */
    private static void add(Map<String, long[]> sides, String account, int side, long seconds) {
        long[] totals = sides.computeIfAbsent(account, ignored -> new long[2]);
        totals[side] = Math.addExact(totals[side], seconds);
    }
}
