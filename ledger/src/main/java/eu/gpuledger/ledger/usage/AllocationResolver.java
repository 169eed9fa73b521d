package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.table;

/**
 * DOMAIN.md rules 1 and 8 for a batch: each job goes to the allocation of its pool and scheduler account whose
 * period holds its end time, and is valued with the factor and price versions in force at that time. One query
 * per batch for the allocations and one per pool for the versions: never a query per record.
 */
@Component
public class AllocationResolver {

    private final DSLContext sql;

    public AllocationResolver(DSLContext sql) {
        this.sql = sql;
    }

    /** Where a record is booked, and at which rates. */
    public record Resolved(AllocationId allocationId, NormalisationFactor factor, PricePerGpuHour price) {
    }

    /** A half-open period [start, end). */
    private record Period(AllocationId allocationId, Instant start, Instant end) {
        boolean holds(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    private record AccountOnPool(PoolId poolId, SchedulerAccount account) {
    }

    /**
     * Where each record of a batch goes, and for the others why not: the two reasons an import names apart, because
     * the cure differs (grant an allocation to the account, or look at when the job ended).
     */
    public static final class Resolution {
        private final Map<UsageRecord, Resolved> resolved;
        private final Map<AccountOnPool, List<Period>> periods;

        private Resolution(Map<UsageRecord, Resolved> resolved, Map<AccountOnPool, List<Period>> periods) {
            this.resolved = resolved;
            this.periods = periods;
        }

        /** @return where the record goes, or null when no allocation holds it */
        public Resolved of(UsageRecord record) {
            return resolved.get(record);
        }

        public boolean isResolved(UsageRecord record) {
            return resolved.containsKey(record);
        }

        /** Why a record that {@link #isResolved is not resolved} matched no allocation. */
        public String whyUnmatched(UsageRecord record) {
            List<Period> candidates = periods.getOrDefault(new AccountOnPool(record.poolId(), record.account()), List.of());
            if (candidates.isEmpty()) {
                return "no allocation for scheduler account " + record.account() + " on pool " + record.poolId()
                        + " (cluster " + record.cluster() + ", partition " + record.partition() + ")";
            }
            StringBuilder held = new StringBuilder();
            candidates.stream().sorted(java.util.Comparator.comparing(Period::start)).forEach(period ->
                    held.append(held.isEmpty() ? "" : ", ").append(period.allocationId()).append(" [")
                            .append(period.start()).append(", ").append(period.end()).append(')'));
            return "job " + record.jobId() + " ended at " + record.end() + ", outside the period of every allocation"
                    + " of scheduler account " + record.account() + " on pool " + record.poolId() + ": " + held;
        }
    }

    /** Maps each record to the allocation whose period holds its end (by identity: two equal records are two lines). */
    public Resolution resolve(List<UsageRecord> records) {
        Map<AccountOnPool, List<Period>> periods = periodsOf(records);
        Map<PoolId, TreeMap<Instant, NormalisationFactor>> factors = new HashMap<>();
        Map<PoolId, TreeMap<Instant, PricePerGpuHour>> prices = new HashMap<>();
        Map<UsageRecord, Resolved> resolved = new IdentityHashMap<>();
        for (UsageRecord record : records) {
            List<Period> candidates = periods.getOrDefault(new AccountOnPool(record.poolId(), record.account()), List.of());
            for (Period period : candidates) {
                if (period.holds(record.end())) {
                    var factor = factors.computeIfAbsent(record.poolId(), this::factorsOf).floorEntry(record.end());
                    var price = prices.computeIfAbsent(record.poolId(), this::pricesOf).floorEntry(record.end());
                    resolved.put(record, new Resolved(period.allocationId(), factor == null ? null : factor.getValue(),
                            price == null ? null : price.getValue()));
                    break;
                }
            }
        }
        return new Resolution(resolved, periods);
    }

    private Map<AccountOnPool, List<Period>> periodsOf(List<UsageRecord> records) {
        Set<AccountOnPool> keys = new HashSet<>();
        for (UsageRecord record : records) {
            keys.add(new AccountOnPool(record.poolId(), record.account()));
        }
        Map<AccountOnPool, List<Period>> periods = new HashMap<>();
        if (keys.isEmpty()) {
            return periods;
        }
        var wanted = keys.stream().map(key -> row(key.poolId().value(), key.account().value())).toList();
        for (Record row : sql.select(field("pool_id"), field("scheduler_account"), field("allocation_id"),
                        field("period_start"), field("period_end"))
                .from(table("directory_allocation"))
                .where(row(field("pool_id", String.class), field("scheduler_account", String.class)).in(wanted))
                .fetch()) {
            AccountOnPool key = new AccountOnPool(PoolId.of(row.get("pool_id", String.class)),
                    SchedulerAccount.of(row.get("scheduler_account", String.class)));
            periods.computeIfAbsent(key, k -> new ArrayList<>()).add(new Period(
                    AllocationId.of(row.get("allocation_id", String.class)),
                    row.get("period_start", OffsetDateTime.class).toInstant(),
                    row.get("period_end", OffsetDateTime.class).toInstant()));
        }
        return periods;
    }

    private TreeMap<Instant, NormalisationFactor> factorsOf(PoolId poolId) {
        TreeMap<Instant, NormalisationFactor> versions = new TreeMap<>();
        sql.select(field("effective_from", OffsetDateTime.class), field("normalised_per_gpu_hour", BigDecimal.class))
                .from(table("directory_pool_factor")).where(field("pool_id").eq(poolId.value()))
                .forEach(row -> versions.put(row.value1().toInstant(), new NormalisationFactor(row.value2())));
        return versions;
    }

    private TreeMap<Instant, PricePerGpuHour> pricesOf(PoolId poolId) {
        TreeMap<Instant, PricePerGpuHour> versions = new TreeMap<>();
        sql.select(field("effective_from", OffsetDateTime.class), field("eur_per_gpu_hour", BigDecimal.class))
                .from(table("directory_pool_price")).where(field("pool_id").eq(poolId.value()))
                .forEach(row -> versions.put(row.value1().toInstant(), new PricePerGpuHour(row.value2())));
        return versions;
    }
}
