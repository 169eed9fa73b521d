package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.TableNames;
import eu.gpuledger.projections.batch.TableRow;
import org.jooq.DSLContext;
import org.jooq.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;

/**
 * A batch's changes to the balance view: the allocations granted in it, and per allocation the sum of each bucket's
 * movements and the last standing and suspension seen. Sums commute, and an allocation's events all come in order
 * through one segment, so "last seen" is the latest; a grant and later movements of the same allocation in one
 * batch become one new row.
 */
final class BalanceChanges implements PendingWrites {

    /** One allocation within the batch: its grant if granted in it, and its net movements. */
    static final class Delta {
        final String allocationId;
        AllocationGranted grant;
        long supplemented;
        long consumed;
        long refunded;
        long transferredIn;
        long transferredOut;
        long clawedBack;
        long expired;
        boolean hasExpired;
        String standing;
        Boolean suspended;

        private Delta(String allocationId) {
            this.allocationId = allocationId;
        }
    }

    /**
     * The balance view's row: a grant's terms are written once, each bucket adds the batch's movements, the standing
     * and the suspension take the last one seen, and an expiry stays.
     */
    static final TableRow<Delta> ROW = TableRow.of(ALLOCATION_BALANCE, Delta.class)
            .column(ALLOCATION_BALANCE.ALLOCATION_ID, delta -> delta.allocationId)
            .column(ALLOCATION_BALANCE.PROJECT_ID, delta -> delta.grant.projectId().value())
            .column(ALLOCATION_BALANCE.POOL_ID, delta -> delta.grant.poolId().value())
            .column(ALLOCATION_BALANCE.FUNDING_SOURCE, delta -> delta.grant.fundingSource().name())
            .column(ALLOCATION_BALANCE.SCHEDULER_ACCOUNT,
                    delta -> delta.grant.schedulerAccount() == null ? null : delta.grant.schedulerAccount().value())
            .column(ALLOCATION_BALANCE.PERIOD_START, delta -> delta.grant.periodStart())
            .column(ALLOCATION_BALANCE.PERIOD_END, delta -> delta.grant.periodEnd())
            .column(ALLOCATION_BALANCE.OVER_CONSUMPTION_PERCENT, delta -> delta.grant.overConsumptionPercent())
            .column(ALLOCATION_BALANCE.GRANTED, delta -> delta.grant.granted().value())
            .sum(ALLOCATION_BALANCE.SUPPLEMENTED, delta -> delta.supplemented)
            .sum(ALLOCATION_BALANCE.CONSUMED, delta -> delta.consumed)
            .sum(ALLOCATION_BALANCE.REFUNDED, delta -> delta.refunded)
            .sum(ALLOCATION_BALANCE.TRANSFERRED_IN, delta -> delta.transferredIn)
            .sum(ALLOCATION_BALANCE.TRANSFERRED_OUT, delta -> delta.transferredOut)
            .sum(ALLOCATION_BALANCE.CLAWED_BACK, delta -> delta.clawedBack)
            .sum(ALLOCATION_BALANCE.EXPIRED, delta -> delta.expired)
            .latest(ALLOCATION_BALANCE.STANDING, delta -> delta.standing)
            .latest(ALLOCATION_BALANCE.SUSPENDED, delta -> delta.suspended)
            .either(ALLOCATION_BALANCE.HAS_EXPIRED, delta -> delta.hasExpired)
            .build();

    private final Map<String, Delta> deltas = new LinkedHashMap<>();
    private long grants;

    /** A new allocation: within its grant and not suspended until its events say otherwise. */
    void granted(AllocationGranted event) {
        Delta delta = of(event.allocationId());
        if (delta.grant == null) {
            delta.grant = event;
            delta.standing = Standing.WITHIN_GRANT.name();
            delta.suspended = Boolean.FALSE;
            grants++;
        }
    }

    Delta of(AllocationId allocationId) {
        return deltas.computeIfAbsent(allocationId.value(), Delta::new);
    }

    @Override
    public long pendingRows() {
        return grants + deltas.size();
    }

    /** New allocations are inserted with their movements, the others' movements merged into their rows. */
    @Override
    public void writeTo(DSLContext sql, TableNames tables) {
        Table<?> balance = tables.of(ALLOCATION_BALANCE);
        List<Delta> granted = deltas.values().stream().filter(delta -> delta.grant != null).toList();
        List<Delta> moved = deltas.values().stream().filter(delta -> delta.grant == null).toList();
        if (!granted.isEmpty()) {
            ROW.insert(sql, balance, granted);
        }
        if (!moved.isEmpty()) {
            ROW.update(sql, balance, moved);
        }
    }

    /**
     * Into an empty table: one COPY of the granted allocations, each with its movements folded in. Movements of an
     * allocation never granted are dropped, as the update of a missing row drops them in {@link #writeTo}.
     */
    @Override
    public void writeNew(DSLContext sql, TableNames tables) {
        ROW.copy(sql, tables.of(ALLOCATION_BALANCE),
                deltas.values().stream().filter(delta -> delta.grant != null).toList());
    }
}
