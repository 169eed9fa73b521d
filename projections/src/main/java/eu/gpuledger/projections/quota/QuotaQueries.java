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
import java.util.Optional;

/**
 * "May this account still run?" for scheduler hooks, answered from the balance view: the allocation of the
 * account on a pool of the cluster whose period holds the given instant. (Answers from memory, pushed by the
 * projections, are the next step; the contract stays.)
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
        List<Record> rows = sql.fetch("""
                SELECT b.*, p.partition FROM allocation_balance b
                  JOIN view_pool p ON p.pool_id = b.pool_id
                 WHERE p.cluster = ? AND b.scheduler_account = ?
                   AND b.period_start <= ?::timestamptz AND b.period_end > ?::timestamptz
                """, cluster, account, at.toString(), at.toString());
        QuotaAnswer best = null;
        for (Record row : rows) {
            if (partition.isPresent() && !partition.get().equals(row.get("partition", String.class))) {
                continue;
            }
            QuotaAnswer answer = answerOf(account, row);
            if (best == null || answer.decision().ordinal() < best.decision().ordinal()) {
                best = answer;
            }
        }
        if (best == null) {
            return new QuotaAnswer(account, Decision.DENY, "no allocation in force for account " + account
                    + " on cluster " + cluster + partition.map(p -> ", partition " + p).orElse("") + " at " + at,
                    GpuSeconds.ZERO, BigDecimal.ZERO.setScale(2), null, null);
        }
        return best;
    }

    /** Accounts whose every allocation in force on the cluster denies new jobs, for a scheduler plugin's cache. */
    public List<String> blockedAccounts(String cluster, Instant at) {
        List<String> accounts = sql.fetch("""
                SELECT DISTINCT b.scheduler_account FROM allocation_balance b
                  JOIN view_pool p ON p.pool_id = b.pool_id
                 WHERE p.cluster = ? AND b.scheduler_account IS NOT NULL
                   AND b.period_start <= ?::timestamptz AND b.period_end > ?::timestamptz
                 ORDER BY 1""", cluster, at.toString(), at.toString()).getValues(0, String.class);
        return accounts.stream()
                .filter(account -> decide(cluster, account, Optional.empty(), at).decision() == Decision.DENY)
                .toList();
    }

    private static QuotaAnswer answerOf(String account, Record row) {
        BalanceView view = BalanceQueries.toView(row);
        AllocationState state = view.state();
        Decision decision = switch (state) {
            case ACTIVE -> Decision.ALLOW;
            case LOW_PRIORITY -> Decision.LOW_PRIORITY;
            case BLOCKED, SUSPENDED, EXPIRED -> Decision.DENY;
        };
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
