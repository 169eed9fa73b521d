package eu.gpuledger.reports.statement;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.projections.journal.AllocationNotGrantedYet;
import eu.gpuledger.projections.journal.BalanceHistory;
import eu.gpuledger.projections.journal.Movement;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static eu.gpuledger.projections.schema.Tables.JOURNAL_ALLOCATION;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static org.jooq.impl.DSL.sum;

/**
 * Fund statements, as accounting staff know them from Gold/MAM: for each allocation of the subject, the opening
 * balance, each credit and debit of the period, the closing balance. Folded from the journal's entries effective
 * before or in the period and recorded by {@code knownAt}, so an issued statement regenerates from the same entries
 * whatever was recorded since (docs/time-travel.md, docs/statements.md).
 * <p>
 * Consumption and refunds are summed per day (UTC): an allocation takes thousands of jobs a month, which a funder
 * reads as days; every other movement (grant, supplement, transfer, claw-back, expiry) is a line of its own.
 */
@Component
public class FundStatements {

    /** Allocations one statement covers at most: a bound on the document and on the work of drawing it up. */
    public static final int ALLOCATIONS_MAX = 5_000;

    /** The movements summed per day rather than listed entry by entry. */
    private static final Set<Movement> PER_DAY = EnumSet.of(Movement.CONSUMED, Movement.REFUNDED);

    private final DSLContext sql;
    private final BalanceHistory balances;

    public FundStatements(DSLContext sql, BalanceHistory balances) {
        this.sql = sql;
        this.balances = balances;
    }

    /** Whose fund: a funder's allocations, or one project's of them, or one of them; for [from, to). */
    public record FundSubject(FundingSource funder, String allocationId, String projectId, Instant from, Instant to) {
        public FundSubject {
            Objects.requireNonNull(funder, "funder");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("a period ends after it starts");
            }
        }
    }

    /**
     * A credit or a debit of the period: one journal entry ({@code day} null), or the entries of a movement on one
     * day; {@code balance} is the allocation's balance after it.
     */
    public record FundLine(Instant effectiveAt, LocalDate day, Movement movement, boolean credit, long gpuSeconds,
                           long entries, long balance) {
    }

    public record FundSection(String allocationId, String projectId, String poolId, Instant periodStart,
                              Instant periodEnd, long opening, List<FundLine> lines, long credits, long debits,
                              long closing) {
    }

    public record FundContent(FundSubject subject, Instant knownAt, List<FundSection> sections) {

        public long opening() {
            return sections.stream().mapToLong(FundSection::opening).reduce(0, Math::addExact);
        }

        public long credits() {
            return sections.stream().mapToLong(FundSection::credits).reduce(0, Math::addExact);
        }

        public long debits() {
            return sections.stream().mapToLong(FundSection::debits).reduce(0, Math::addExact);
        }

        public long closing() {
            return sections.stream().mapToLong(FundSection::closing).reduce(0, Math::addExact);
        }
    }

    /**
     * The statement of {@code subject} from the entries recorded by {@code knownAt}.
     *
     * @throws FundStatementDoesNotReconcile when an allocation's opening + credits - debits is not its closing
     */
    public FundContent content(FundSubject subject, Instant knownAt) {
        Objects.requireNonNull(knownAt, "knownAt");
        Condition allocations = JOURNAL_ALLOCATION.FUNDING_SOURCE.eq(subject.funder().name())
                .and(JOURNAL_ALLOCATION.PERIOD_START.lt(subject.to()))
                .and(JOURNAL_ALLOCATION.PERIOD_END.ge(subject.from()))
                .and(DSL.exists(DSL.selectOne().from(JOURNAL_ENTRY)
                        .where(JOURNAL_ENTRY.ALLOCATION_NO.eq(JOURNAL_ALLOCATION.ALLOCATION_NO))
                        .and(JOURNAL_ENTRY.MOVEMENT.eq(Movement.GRANTED.name()))
                        .and(JOURNAL_ENTRY.RECORDED_AT.le(knownAt))));
        if (subject.allocationId() != null) {
            allocations = allocations.and(JOURNAL_ALLOCATION.ALLOCATION_ID.eq(subject.allocationId()));
        }
        if (subject.projectId() != null) {
            allocations = allocations.and(JOURNAL_ALLOCATION.PROJECT_ID.eq(subject.projectId()));
        }
        var rows = sql.selectFrom(JOURNAL_ALLOCATION).where(allocations).orderBy(JOURNAL_ALLOCATION.ALLOCATION_ID)
                .limit(ALLOCATIONS_MAX + 1).fetch();
        if (rows.size() > ALLOCATIONS_MAX) {
            throw new IllegalArgumentException("a fund statement covers at most " + ALLOCATIONS_MAX
                    + " allocations: name a project or an allocation");
        }
        List<FundSection> sections = new ArrayList<>(rows.size());
        for (var allocation : rows) {
            sections.add(section(allocation.getAllocationId(), allocation.getProjectId(), allocation.getPoolId(),
                    allocation.getPeriodStart(), allocation.getPeriodEnd(), allocation.getAllocationNo(), subject,
                    knownAt));
        }
        return new FundContent(subject, knownAt, List.copyOf(sections));
    }

    private FundSection section(String allocationId, String projectId, String poolId, Instant periodStart,
                                Instant periodEnd, long number, FundSubject subject, Instant knownAt) {
        Condition known = JOURNAL_ENTRY.ALLOCATION_NO.eq(number).and(JOURNAL_ENTRY.RECORDED_AT.le(knownAt));
        long opening = balance(known.and(JOURNAL_ENTRY.EFFECTIVE_AT.lt(subject.from())));
        long closing = balance(known.and(JOURNAL_ENTRY.EFFECTIVE_AT.lt(subject.to())));
        Condition inPeriod = known.and(JOURNAL_ENTRY.EFFECTIVE_AT.ge(subject.from()))
                .and(JOURNAL_ENTRY.EFFECTIVE_AT.lt(subject.to()));
        List<Unbalanced> movements = new ArrayList<>();
        List<String> perDay = PER_DAY.stream().map(Movement::name).toList();
        sql.select(JOURNAL_ENTRY.EFFECTIVE_AT, JOURNAL_ENTRY.MOVEMENT, JOURNAL_ENTRY.AMOUNT,
                        JOURNAL_ENTRY.GLOBAL_INDEX, JOURNAL_ENTRY.ENTRY)
                .from(JOURNAL_ENTRY).where(inPeriod.and(JOURNAL_ENTRY.MOVEMENT.notIn(perDay)))
                .fetch().forEach(row -> movements.add(new Unbalanced(row.value1(), null,
                        Movement.valueOf(row.value2()), row.value3(), 1, row.value4(), row.value5())));
        Field<LocalDate> day = DSL.field("(({0} AT TIME ZONE 'UTC')::date)", SQLDataType.LOCALDATE,
                JOURNAL_ENTRY.EFFECTIVE_AT);
        Field<BigDecimal> amount = sum(JOURNAL_ENTRY.AMOUNT);
        sql.select(day, JOURNAL_ENTRY.MOVEMENT, amount, DSL.count())
                .from(JOURNAL_ENTRY).where(inPeriod.and(JOURNAL_ENTRY.MOVEMENT.in(perDay)))
                .groupBy(day, JOURNAL_ENTRY.MOVEMENT)
                .fetch().forEach(row -> movements.add(new Unbalanced(
                        row.value1().atStartOfDay().toInstant(ZoneOffset.UTC), row.value1(),
                        Movement.valueOf(row.value2()), row.value3().longValueExact(), row.value4(), 0, 0)));
        movements.sort(Unbalanced.ORDER);
        List<FundLine> lines = new ArrayList<>(movements.size());
        long balance = opening;
        long credits = 0;
        long debits = 0;
        for (Unbalanced movement : movements) {
            boolean credit = movement.kind().intoAllocation();
            if (credit) {
                credits = Math.addExact(credits, movement.gpuSeconds());
                balance = Math.addExact(balance, movement.gpuSeconds());
            } else {
                debits = Math.addExact(debits, movement.gpuSeconds());
                balance = Math.subtractExact(balance, movement.gpuSeconds());
            }
            lines.add(new FundLine(movement.effectiveAt(), movement.day(), movement.kind(), credit,
                    movement.gpuSeconds(), movement.entries(), balance));
        }
        reconcile(allocationId, opening, credits, debits, closing, balanceViewAt(allocationId, subject.to(), knownAt));
        return new FundSection(allocationId, projectId, poolId, periodStart, periodEnd, opening, List.copyOf(lines),
                credits, debits, closing);
    }

    /**
     * The statement checks itself (issue 14): its opening balance plus its credits minus its debits must be its
     * closing balance, and that closing balance must be the allocation's balance view as it stood at the period's
     * end, as known at {@code knownAt}: the figure the balance equation gives (docs/allocation-rules.md), folded by
     * another path ({@code BalanceHistory}, the buckets) than the statement's lines. A statement that fails either
     * is not drawn up.
     *
     * @throws FundStatementDoesNotReconcile naming the allocation and the figures
     */
    static void reconcile(String allocationId, long opening, long credits, long debits, long closing,
                          long balanceView) {
        if (Math.subtractExact(Math.addExact(opening, credits), debits) != closing) {
            throw new FundStatementDoesNotReconcile(allocationId, opening, credits, debits, closing);
        }
        if (closing != balanceView) {
            throw new FundStatementDoesNotReconcile(allocationId, closing, balanceView);
        }
    }

    /**
     * The balance view at the last instant of the period (entries effective before {@code to}: the journal's times
     * are microseconds), as known at {@code knownAt}; 0 before the allocation's period starts.
     */
    private long balanceViewAt(String allocationId, Instant to, Instant knownAt) {
        try {
            return balances.balance(AllocationId.of(allocationId), to.minus(1, ChronoUnit.MICROS), knownAt)
                    .orElseThrow(() -> new IllegalStateException("allocation " + allocationId
                            + " is in the journal's allocations but has no balance history"))
                    .balance().value();
        } catch (AllocationNotGrantedYet notYet) {
            return 0;
        }
    }

    /** The balance the entries under {@code entries} leave: what went into the allocation less what left it. */
    private long balance(Condition entries) {
        long balance = 0;
        for (var row : sql.select(JOURNAL_ENTRY.MOVEMENT, sum(JOURNAL_ENTRY.AMOUNT)).from(JOURNAL_ENTRY)
                .where(entries).groupBy(JOURNAL_ENTRY.MOVEMENT).fetch()) {
            long seconds = row.value2().longValueExact();
            balance = Movement.valueOf(row.value1()).intoAllocation() ? Math.addExact(balance, seconds)
                    : Math.subtractExact(balance, seconds);
        }
        return balance;
    }

    /** A line before its running balance: ordered by time, then movement, then its place in the event store. */
    private record Unbalanced(Instant effectiveAt, LocalDate day, Movement kind, long gpuSeconds, long entries,
                              long globalIndex, int entry) {
        static final Comparator<Unbalanced> ORDER = Comparator.comparing(Unbalanced::effectiveAt)
                .thenComparing(Unbalanced::kind)
                .thenComparingLong(Unbalanced::globalIndex)
                .thenComparingInt(Unbalanced::entry);
    }
}
