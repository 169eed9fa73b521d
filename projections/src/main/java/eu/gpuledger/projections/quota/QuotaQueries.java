package eu.gpuledger.projections.quota;

import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.balance.BalanceQueries;
import eu.gpuledger.projections.balance.BalanceView;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static org.jooq.impl.DSL.noCondition;

/**
 * "May this account still run?" for scheduler hooks, answered from the balance view: the allocation of the
 * account on a pool of the cluster whose period holds the given instant. The hooks are answered from memory
 * ({@link QuotaMemory}, docs/quota.md), by the same rules ({@link #answerOf}, {@link #mostFavourable},
 * {@link #noAllocationInForce}); this reading of the database is the reference the memory is tested against.
 */
@Component
public class QuotaQueries {

    private final DSLContext sql;

    public QuotaQueries(DSLContext sql) {
        this.sql = sql;
    }

    /** What a scheduler should do with a new job of the account. */
    public enum Decision {
        ALLOW,
        LOW_PRIORITY,
        DENY
    }

    public record QuotaAnswer(String account, Decision decision, String reason, GpuSeconds balance,
                              BigDecimal usedPercent, String allocationId, String poolId) {
    }

    /**
     * @param partition when given, only the pool of that partition; else every pool of the cluster (the most
     *                  favourable answer wins: an account may hold allocations on several pools)
     */
    public QuotaAnswer decide(String cluster, String account, Optional<String> partition, Instant at) {
        QuotaAnswer best = null;
        for (Record row : inForce(cluster, Optional.of(account), at)) {
            if (partition.isPresent() && !partition.get().equals(row.get(VIEW_POOL.PARTITION))) {
                continue;
            }
            best = mostFavourable(best, answerOf(account, BalanceQueries.toView(row.into(ALLOCATION_BALANCE))));
        }
        return best == null ? noAllocationInForce(cluster, account, partition, at) : best;
    }

    /**
     * Accounts whose every allocation in force on the cluster denies new jobs, for a scheduler plugin's cache:
     * one query for the whole cluster, however many accounts it has.
     */
    public List<String> blockedAccounts(String cluster, Instant at) {
        Map<String, QuotaAnswer> byAccount = new TreeMap<>();
        for (Record row : inForce(cluster, Optional.empty(), at)) {
            String account = row.get(ALLOCATION_BALANCE.SCHEDULER_ACCOUNT);
            byAccount.put(account, mostFavourable(byAccount.get(account),
                    answerOf(account, BalanceQueries.toView(row.into(ALLOCATION_BALANCE)))));
        }
        return byAccount.values().stream().filter(answer -> answer.decision() == Decision.DENY)
                .map(QuotaAnswer::account).toList();
    }

    /** The balance rows of allocations in force at {@code at} on the cluster's pools, of one account or all. */
    private List<Record> inForce(String cluster, Optional<String> account, Instant at) {
        return sql.select(ALLOCATION_BALANCE.fields()).select(VIEW_POOL.PARTITION).from(ALLOCATION_BALANCE)
                .join(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(ALLOCATION_BALANCE.POOL_ID))
                .where(VIEW_POOL.CLUSTER.eq(cluster))
                .and(ALLOCATION_BALANCE.SCHEDULER_ACCOUNT.isNotNull())
                .and(account.map(ALLOCATION_BALANCE.SCHEDULER_ACCOUNT::eq).orElse(noCondition()))
                .and(ALLOCATION_BALANCE.PERIOD_START.le(at)).and(ALLOCATION_BALANCE.PERIOD_END.gt(at))
                .fetch();
    }

    /** The answer to an account with no allocation in force on the cluster (or the partition's pool). */
    static QuotaAnswer noAllocationInForce(String cluster, String account, Optional<String> partition, Instant at) {
        return new QuotaAnswer(account, Decision.DENY, "no allocation in force for account " + account
                + " on cluster " + cluster + partition.map(p -> ", partition " + p).orElse("") + " at " + at,
                GpuSeconds.ZERO, BigDecimal.ZERO.setScale(2), null, null);
    }

    /** Of two answers for one account, the one that lets it run best (ALLOW, then LOW_PRIORITY, then DENY). */
    static QuotaAnswer mostFavourable(QuotaAnswer best, QuotaAnswer candidate) {
        return best == null || candidate.decision().ordinal() < best.decision().ordinal() ? candidate : best;
    }

    /**
     * The decision an allocation's state gives a scheduler (DOMAIN.md rule 5 through the standing): the one mapping,
     * also what the webhooks' BLOCKED and UNBLOCKED notices mean (docs/webhooks.md).
     */
    public static Decision decisionOf(AllocationState state) {
        return switch (state) {
            case ACTIVE -> Decision.ALLOW;
            case LOW_PRIORITY -> Decision.LOW_PRIORITY;
            case BLOCKED, SUSPENDED, EXPIRED -> Decision.DENY;
        };
    }

    /** What one allocation in force tells the hook, by its state (DOMAIN.md rule 5 through the standing). */
    static QuotaAnswer answerOf(String account, BalanceView view) {
        AllocationState state = view.state();
        Decision decision = decisionOf(state);
        String reason = switch (state) {
            case ACTIVE -> "within the allocation";
            case LOW_PRIORITY -> "above 100% of the allocation: jobs run at low priority";
            case BLOCKED -> "above the effective allocation (100% + " + view.overConsumptionPercent() + "%)";
            case SUSPENDED -> "the allocation is suspended";
            case EXPIRED -> "the allocation has expired";
        };
        return new QuotaAnswer(account, decision, reason, view.balance(), view.usedPercent(), view.allocationId(),
                view.poolId());
    }
}
