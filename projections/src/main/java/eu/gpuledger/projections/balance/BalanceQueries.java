package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.schema.tables.records.AllocationBalanceRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;

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
