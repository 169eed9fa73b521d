package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.schema.tables.records.AllocationBalanceRecord;
import eu.gpuledger.ledger.catalogue.ProviderId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

/** Reads the balance view. */
@Component
public class BalanceQueries {

    private final DSLContext sql;

    public BalanceQueries(DSLContext sql) {
        this.sql = sql;
    }

    public Optional<BalanceView> balance(AllocationId allocationId) {
        return sql.selectFrom(ALLOCATION_BALANCE).where(ALLOCATION_BALANCE.ALLOCATION_ID.eq(allocationId.value()))
                .fetchOptional(BalanceQueries::toView);
    }

    public List<BalanceView> ofProject(ProjectId projectId) {
        return sql.selectFrom(ALLOCATION_BALANCE).where(ALLOCATION_BALANCE.PROJECT_ID.eq(projectId.value()))
                .orderBy(ALLOCATION_BALANCE.PERIOD_START, ALLOCATION_BALANCE.ALLOCATION_ID)
                .fetch(BalanceQueries::toView);
    }

    /** The allocations a query names, a page at a time in allocation id order (the primary key's). */
    public FindAllocations.Page find(FindAllocations query) {
        Condition where = reach(query.readable());
        where = where.and(query.projectId().map(id -> ALLOCATION_BALANCE.PROJECT_ID.eq(id.value()))
                .orElse(noCondition()));
        where = where.and(query.poolId().map(id -> ALLOCATION_BALANCE.POOL_ID.eq(id.value())).orElse(noCondition()));
        where = where.and(query.providerId().map(BalanceQueries::onPoolsOf).orElse(noCondition()));
        where = where.and(query.schedulerAccount().map(account -> ALLOCATION_BALANCE.SCHEDULER_ACCOUNT
                .eq(account.value())).orElse(noCondition()));
        where = where.and(query.state().map(BalanceQueries::inState).orElse(noCondition()));
        where = where.and(query.fundingSource().map(source -> ALLOCATION_BALANCE.FUNDING_SOURCE.eq(source.name()))
                .orElse(noCondition()));
        // [periodStart, periodEnd) overlaps [from, to): it ends after from and starts before to
        where = where.and(query.from().map(ALLOCATION_BALANCE.PERIOD_END::gt).orElse(noCondition()));
        where = where.and(query.to().map(ALLOCATION_BALANCE.PERIOD_START::lt).orElse(noCondition()));
        where = where.and(query.after().map(id -> ALLOCATION_BALANCE.ALLOCATION_ID.gt(id.value()))
                .orElse(noCondition()));
        List<BalanceView> rows = sql.selectFrom(ALLOCATION_BALANCE).where(where)
                .orderBy(ALLOCATION_BALANCE.ALLOCATION_ID).limit(query.limit() + 1)
                .fetch(BalanceQueries::toView);
        if (rows.size() <= query.limit()) {
            return new FindAllocations.Page(rows, null);
        }
        List<BalanceView> page = rows.subList(0, query.limit());
        return new FindAllocations.Page(page, AllocationId.of(page.get(query.limit() - 1).allocationId()));
    }

    private static Condition reach(FindAllocations.Readable readable) {
        if (readable.everything()) {
            return noCondition();
        }
        Condition reach = falseCondition();
        if (!readable.providers().isEmpty()) {
            reach = reach.or(ALLOCATION_BALANCE.POOL_ID.in(select(VIEW_POOL.POOL_ID).from(VIEW_POOL)
                    .where(VIEW_POOL.PROVIDER_ID.in(readable.providers().stream().map(ProviderId::value).toList()))));
        }
        if (!readable.projects().isEmpty()) {
            reach = reach.or(ALLOCATION_BALANCE.PROJECT_ID.in(
                    readable.projects().stream().map(ProjectId::value).toList()));
        }
        return reach;
    }

    private static Condition onPoolsOf(ProviderId provider) {
        return ALLOCATION_BALANCE.POOL_ID.in(select(VIEW_POOL.POOL_ID).from(VIEW_POOL)
                .where(VIEW_POOL.PROVIDER_ID.eq(provider.value())));
    }

    /** The columns {@link AllocationState#of} reads, in its order of precedence: expired, suspended, standing. */
    private static Condition inState(AllocationState state) {
        Condition notExpired = ALLOCATION_BALANCE.HAS_EXPIRED.isFalse();
        Condition running = notExpired.and(ALLOCATION_BALANCE.SUSPENDED.isFalse());
        return switch (state) {
            case EXPIRED -> ALLOCATION_BALANCE.HAS_EXPIRED.isTrue();
            case SUSPENDED -> notExpired.and(ALLOCATION_BALANCE.SUSPENDED.isTrue());
            case ACTIVE -> running.and(ALLOCATION_BALANCE.STANDING.eq(Standing.WITHIN_GRANT.name()));
            case LOW_PRIORITY -> running.and(ALLOCATION_BALANCE.STANDING.eq(Standing.LOW_PRIORITY.name()));
            case BLOCKED -> running.and(ALLOCATION_BALANCE.STANDING.eq(Standing.BLOCKED.name()));
        };
    }

    /** A row of allocation_balance as the balance view. */
    public static BalanceView toView(AllocationBalanceRecord row) {
        return new BalanceView(row.getAllocationId(), row.getProjectId(), row.getPoolId(),
                FundingSource.valueOf(row.getFundingSource()), row.getSchedulerAccount(), row.getPeriodStart(),
                row.getPeriodEnd(), row.getOverConsumptionPercent(),
                AllocationState.of(row.getHasExpired(), row.getSuspended(), Standing.valueOf(row.getStanding())),
                GpuSeconds.of(row.getGranted()), GpuSeconds.of(row.getSupplemented()),
                GpuSeconds.of(row.getConsumed()), GpuSeconds.of(row.getRefunded()),
                GpuSeconds.of(row.getTransferredIn()), GpuSeconds.of(row.getTransferredOut()),
                GpuSeconds.of(row.getClawedBack()), GpuSeconds.of(row.getExpired()));
    }
}
