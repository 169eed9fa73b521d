package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.Buckets;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.balance.BalanceView;
import eu.gpuledger.projections.schema.tables.records.JournalAllocationRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static eu.gpuledger.projections.schema.Tables.JOURNAL_ALLOCATION;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_SUSPENSION;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;

/**
 * Time travel: the balance view of an allocation as it stood at an instant of effective time ({@code asOf}), as the
 * ledger knew it at an instant of recorded time ({@code knownAt}), or both; folded from the allocation's journal
 * entries (every entry of an allocation has the allocation's own account on one side). A statement issued on
 * 5 November about October asks for asOf = 1 November, knownAt = 5 November, and gets the same figures years later,
 * whatever refunds were recorded since. See docs/time-travel.md.
 * <p>
 * The state is that of the figures then (EXPIRED, else the over-consumption standing), or SUSPENDED when the latest
 * suspension or resumption by then was a suspension: those move no hours and are kept beside the entries, effective
 * when recorded.
 */
@Component
public class BalanceHistory {

    private final DSLContext sql;

    public BalanceHistory(DSLContext sql) {
        this.sql = sql;
    }

    /**
     * Empty when the journal holds no such allocation. Null bounds mean "now".
     *
     * @throws AllocationNotGrantedYet when asOf is before the allocation's period starts (its grant's effective
     *                                 time), or knownAt before its grant was recorded
     */
    public Optional<BalanceView> balance(AllocationId allocationId, Instant asOf, Instant knownAt) {
        JournalAllocationRecord grant = sql.selectFrom(JOURNAL_ALLOCATION)
                .where(JOURNAL_ALLOCATION.ALLOCATION_ID.eq(allocationId.value())).fetchOne();
        if (grant == null) {
            return Optional.empty();
        }
        long number = grant.getAllocationNo();
        if (knownAt != null) {
            Instant recordedAt = grantRecordedAt(number);
            if (recordedAt.isAfter(knownAt)) {
                throw AllocationNotGrantedYet.knownAt(allocationId, knownAt, recordedAt);
            }
        }
        if (asOf != null && asOf.isBefore(grant.getPeriodStart())) {
            throw AllocationNotGrantedYet.asOf(allocationId, asOf, grant.getPeriodStart());
        }
        Condition entries = JOURNAL_ENTRY.ALLOCATION_NO.eq(number)
                .and(asOf == null ? noCondition() : JOURNAL_ENTRY.EFFECTIVE_AT.le(asOf))
                .and(knownAt == null ? noCondition() : JOURNAL_ENTRY.RECORDED_AT.le(knownAt));
        Buckets[] buckets = {Buckets.EMPTY};
        boolean[] expired = {false};
        sql.select(JOURNAL_ENTRY.MOVEMENT, sum(JOURNAL_ENTRY.AMOUNT)).from(JOURNAL_ENTRY).where(entries)
                .groupBy(JOURNAL_ENTRY.MOVEMENT).fetch().forEach(row -> {
                    Movement kind = Movement.valueOf(row.value1());
                    buckets[0] = buckets[0].plus(kind.bucket(),
                            kind.inBucket(GpuSeconds.of(row.value2().longValueExact())));
                    expired[0] |= kind == Movement.EXPIRED;
                });
        return Optional.of(view(grant, buckets[0], expired[0], suspendedAt(number, asOf, knownAt)));
    }

    /** When the grant was recorded: its journal entry's recorded time (the grant is journalled with the allocation). */
    private Instant grantRecordedAt(long allocationNumber) {
        Instant recordedAt = sql.select(JOURNAL_ENTRY.RECORDED_AT).from(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.ALLOCATION_NO.eq(allocationNumber)
                        .and(JOURNAL_ENTRY.MOVEMENT.eq(Movement.GRANTED.name())))
                .limit(1).fetchOne(JOURNAL_ENTRY.RECORDED_AT);
        if (recordedAt == null) {
            throw new IllegalStateException("allocation number " + allocationNumber + " has no grant entry");
        }
        return recordedAt;
    }

    /** Whether the latest suspension or resumption effective by asOf and recorded by knownAt was a suspension. */
    private boolean suspendedAt(long allocationNumber, Instant asOf, Instant knownAt) {
        Condition changes = JOURNAL_SUSPENSION.ALLOCATION_NO.eq(allocationNumber)
                .and(asOf == null ? noCondition() : JOURNAL_SUSPENSION.EFFECTIVE_AT.le(asOf))
                .and(knownAt == null ? noCondition() : JOURNAL_SUSPENSION.RECORDED_AT.le(knownAt));
        Boolean suspended = sql.select(JOURNAL_SUSPENSION.SUSPENDED).from(JOURNAL_SUSPENSION).where(changes)
                .orderBy(JOURNAL_SUSPENSION.EFFECTIVE_AT.desc(), JOURNAL_SUSPENSION.GLOBAL_INDEX.desc()).limit(1)
                .fetchOne(JOURNAL_SUSPENSION.SUSPENDED);
        return Boolean.TRUE.equals(suspended);
    }

    private static BalanceView view(JournalAllocationRecord grant, Buckets buckets, boolean expired,
                                    boolean suspended) {
        int overConsumptionPercent = grant.getOverConsumptionPercent();
        AllocationState state = AllocationState.of(expired, suspended, buckets.standing(overConsumptionPercent));
        return new BalanceView(grant.getAllocationId(), grant.getProjectId(), grant.getPoolId(),
                FundingSource.valueOf(grant.getFundingSource()), grant.getSchedulerAccount(), grant.getPeriodStart(),
                grant.getPeriodEnd(), overConsumptionPercent, state,
                buckets.granted(), buckets.supplemented(), buckets.consumed(), buckets.refunded(),
                buckets.transferredIn(), buckets.transferredOut(), buckets.clawedBack(), buckets.expired());
    }
}
