package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.Buckets;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.balance.BalanceView;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

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
        Record grant = sql.select().from(table(name(JournalProjection.ALLOCATIONS)))
                .where(field(name("allocation_id")).eq(allocationId.value())).fetchOne();
        if (grant == null) {
            return Optional.empty();
        }
        long number = grant.get("allocation_no", Long.class);
        if (knownAt != null) {
            Instant recordedAt = grantRecordedAt(number);
            if (recordedAt.isAfter(knownAt)) {
                throw AllocationNotGrantedYet.knownAt(allocationId, knownAt, recordedAt);
            }
        }
        Instant periodStart = grant.get("period_start", OffsetDateTime.class).toInstant();
        if (asOf != null && asOf.isBefore(periodStart)) {
            throw AllocationNotGrantedYet.asOf(allocationId, asOf, periodStart);
        }
        Field<String> movement = field(name("movement"), String.class);
        Field<BigDecimal> amount = sum(field(name("amount"), Long.class));
        Condition lines = field(name("allocation_no")).eq(number);
        if (asOf != null) {
            lines = lines.and(field(name("effective_at"), OffsetDateTime.class).le(asOf.atOffset(ZoneOffset.UTC)));
        }
        if (knownAt != null) {
            lines = lines.and(field(name("recorded_at"), OffsetDateTime.class).le(knownAt.atOffset(ZoneOffset.UTC)));
        }
        Buckets[] buckets = {Buckets.EMPTY};
        boolean[] expired = {false};
        sql.select(movement, amount).from(table(name(JournalProjection.ENTRIES))).where(lines)
                .groupBy(movement).fetch().forEach(row -> {
                    Movement kind = Movement.valueOf(row.value1());
                    buckets[0] = buckets[0].plus(kind.bucket(),
                            kind.inBucket(GpuSeconds.of(row.value2().longValueExact())));
                    expired[0] |= kind == Movement.EXPIRED;
                });
        return Optional.of(view(grant, buckets[0], expired[0], suspendedAt(number, asOf, knownAt)));
    }

    /** When the grant was recorded: its journal entry's recorded time (the grant is journalled with the allocation). */
    private Instant grantRecordedAt(long allocationNumber) {
        OffsetDateTime recordedAt = sql.select(field(name("recorded_at"), OffsetDateTime.class))
                .from(table(name(JournalProjection.ENTRIES)))
                .where(field(name("allocation_no")).eq(allocationNumber)
                        .and(field(name("movement")).eq(Movement.GRANTED.name())))
                .limit(1).fetchOne(0, OffsetDateTime.class);
        if (recordedAt == null) {
            throw new IllegalStateException("allocation number " + allocationNumber + " has no grant entry");
        }
        return recordedAt.toInstant();
    }

    /** Whether the latest suspension or resumption effective by asOf and recorded by knownAt was a suspension. */
    private boolean suspendedAt(long allocationNumber, Instant asOf, Instant knownAt) {
        Field<OffsetDateTime> effectiveAt = field(name("effective_at"), OffsetDateTime.class);
        Condition changes = field(name("allocation_no")).eq(allocationNumber);
        if (asOf != null) {
            changes = changes.and(effectiveAt.le(asOf.atOffset(ZoneOffset.UTC)));
        }
        if (knownAt != null) {
            changes = changes.and(field(name("recorded_at"), OffsetDateTime.class)
                    .le(knownAt.atOffset(ZoneOffset.UTC)));
        }
        Boolean suspended = sql.select(field(name("suspended"), Boolean.class))
                .from(table(name(JournalProjection.SUSPENSIONS))).where(changes)
                .orderBy(effectiveAt.desc(), field(name("global_index")).desc()).limit(1)
                .fetchOne(0, Boolean.class);
        return Boolean.TRUE.equals(suspended);
    }

    private static BalanceView view(Record grant, Buckets buckets, boolean expired, boolean suspended) {
        int overConsumptionPercent = grant.get("over_consumption_percent", Integer.class);
        AllocationState state = AllocationState.of(expired, suspended, buckets.standing(overConsumptionPercent));
        return new BalanceView(grant.get("allocation_id", String.class), grant.get("project_id", String.class),
                grant.get("pool_id", String.class), FundingSource.valueOf(grant.get("funding_source", String.class)),
                grant.get("scheduler_account", String.class),
                grant.get("period_start", OffsetDateTime.class).toInstant(),
                grant.get("period_end", OffsetDateTime.class).toInstant(), overConsumptionPercent, state,
                buckets.granted(), buckets.supplemented(), buckets.consumed(), buckets.refunded(),
                buckets.transferredIn(), buckets.transferredOut(), buckets.clawedBack(), buckets.expired());
    }
}
