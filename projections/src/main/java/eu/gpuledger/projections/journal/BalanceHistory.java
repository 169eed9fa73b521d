package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.OverConsumptionPolicy;
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
import java.util.EnumMap;
import java.util.Map;
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
 * Suspension is not a movement of hours and is not journalled: a past view shows ACTIVE, LOW_PRIORITY, BLOCKED or
 * EXPIRED, never SUSPENDED.
 */
@Component
public class BalanceHistory {

    private final DSLContext sql;

    public BalanceHistory(DSLContext sql) {
        this.sql = sql;
    }

    /** Empty when the allocation was not granted (or not known to be) by then. Null bounds mean "now". */
    public Optional<BalanceView> balance(AllocationId allocationId, Instant asOf, Instant knownAt) {
        Record grant = sql.select().from(table(name(JournalProjection.ALLOCATIONS)))
                .where(field(name("allocation_id")).eq(allocationId.value())).fetchOne();
        if (grant == null) {
            return Optional.empty();
        }
        long number = grant.get("allocation_no", Long.class);
        if (knownAt != null && !grantKnownBy(number, knownAt)) {
            return Optional.empty();
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
        Map<Movement, GpuSeconds> amounts = new EnumMap<>(Movement.class);
        boolean[] expired = {false};
        sql.select(movement, amount).from(table(name(JournalProjection.ENTRIES))).where(lines)
                .groupBy(movement).fetch().forEach(row -> {
                    Movement kind = Movement.valueOf(row.value1());
                    amounts.put(kind, GpuSeconds.of(row.value2().longValueExact()));
                    expired[0] |= kind == Movement.EXPIRED;
                });
        return Optional.of(view(grant, amounts, expired[0]));
    }

    private boolean grantKnownBy(long allocationNumber, Instant knownAt) {
        return sql.fetchExists(table(name(JournalProjection.ENTRIES)),
                field(name("allocation_no")).eq(allocationNumber)
                        .and(field(name("movement")).eq(Movement.GRANTED.name()))
                        .and(field(name("recorded_at"), OffsetDateTime.class).le(knownAt.atOffset(ZoneOffset.UTC))));
    }

    private static BalanceView view(Record grant, Map<Movement, GpuSeconds> amounts, boolean expired) {
        GpuSeconds granted = amount(amounts, Movement.GRANTED);
        GpuSeconds supplemented = amount(amounts, Movement.SUPPLEMENTED);
        GpuSeconds consumed = amount(amounts, Movement.CONSUMED);
        GpuSeconds refunded = amount(amounts, Movement.REFUNDED);
        GpuSeconds transferredIn = amount(amounts, Movement.TRANSFERRED_IN);
        GpuSeconds transferredOut = amount(amounts, Movement.TRANSFERRED_OUT)
                .minus(amount(amounts, Movement.TRANSFER_REVERSED));
        GpuSeconds clawedBack = amount(amounts, Movement.CLAWED_BACK);
        GpuSeconds lapsed = amount(amounts, Movement.EXPIRED);
        int overConsumptionPercent = grant.get("over_consumption_percent", Integer.class);
        GpuSeconds entitlement = granted.plus(supplemented).plus(transferredIn).minus(transferredOut).minus(clawedBack);
        AllocationState state = BalanceView.stateOf(expired, false,
                OverConsumptionPolicy.standing(consumed.minus(refunded), entitlement, overConsumptionPercent));
        return new BalanceView(grant.get("allocation_id", String.class), grant.get("project_id", String.class),
                grant.get("pool_id", String.class), FundingSource.valueOf(grant.get("funding_source", String.class)),
                grant.get("scheduler_account", String.class),
                grant.get("period_start", OffsetDateTime.class).toInstant(),
                grant.get("period_end", OffsetDateTime.class).toInstant(), overConsumptionPercent, state,
                granted, supplemented, consumed, refunded, transferredIn, transferredOut, clawedBack, lapsed);
    }

    private static GpuSeconds amount(Map<Movement, GpuSeconds> amounts, Movement movement) {
        return amounts.getOrDefault(movement, GpuSeconds.ZERO);
    }
}
