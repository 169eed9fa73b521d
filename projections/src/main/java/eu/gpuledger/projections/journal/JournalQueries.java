package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

/** Reads the journal. */
@Component
public class JournalQueries {

    private final DSLContext sql;

    public JournalQueries(DSLContext sql) {
        this.sql = sql;
    }

    /**
     * The trial balance of the entries whose effective time is in [from, to); either bound may be null (open). Each
     * entry debits one account and credits another by the same amount, so any such period keeps debits equal to
     * credits.
     */
    public TrialBalance trialBalance(Instant from, Instant to) {
        Field<OffsetDateTime> effectiveAt = field(name("effective_at"), OffsetDateTime.class);
        Condition period = noCondition();
        if (from != null) {
            period = period.and(effectiveAt.ge(from.atOffset(ZoneOffset.UTC)));
        }
        if (to != null) {
            period = period.and(effectiveAt.lt(to.atOffset(ZoneOffset.UTC)));
        }
        Field<Long> amount = field(name("amount"), Long.class);
        Field<Long> zero = inline(0L);
        var sides = sql.select(field(name("debit_account"), String.class).as("account"), amount.as("debit"),
                        zero.as("credit"))
                .from(table(name(JournalProjection.ENTRIES))).where(period)
                .unionAll(sql.select(field(name("credit_account"), String.class).as("account"), zero.as("debit"),
                                amount.as("credit"))
                        .from(table(name(JournalProjection.ENTRIES))).where(period))
                .asTable("side");
        Field<String> account = sides.field("account", String.class);
        Field<BigDecimal> debits = coalesce(sum(sides.field("debit", Long.class)), inline(BigDecimal.ZERO));
        Field<BigDecimal> credits = coalesce(sum(sides.field("credit", Long.class)), inline(BigDecimal.ZERO));
        List<TrialBalance.AccountTotals> accounts = sql.select(account, debits, credits).from(sides)
                .groupBy(account).orderBy(account)
                .fetch(row -> new TrialBalance.AccountTotals(row.value1(), seconds(row.value2()),
                        seconds(row.value3())));
        GpuSeconds totalDebits = GpuSeconds.ZERO;
        GpuSeconds totalCredits = GpuSeconds.ZERO;
        for (TrialBalance.AccountTotals totals : accounts) {
            totalDebits = totalDebits.plus(totals.debits());
            totalCredits = totalCredits.plus(totals.credits());
        }
        return new TrialBalance(accounts, totalDebits, totalCredits);
    }

    private static GpuSeconds seconds(BigDecimal sum) {
        return GpuSeconds.of(sum.longValueExact());
    }
}
