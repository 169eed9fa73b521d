package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

/** Reads the balance view. */
@Component
public class BalanceQueries {

    private final DSLContext sql;

    public BalanceQueries(DSLContext sql) {
        this.sql = sql;
    }

    public Optional<BalanceView> balance(AllocationId allocationId) {
        return sql.select().from(table(AllocationBalanceProjection.TABLE))
                .where(field("allocation_id").eq(allocationId.value()))
                .fetchOptional(BalanceQueries::toView);
    }

    public List<BalanceView> ofProject(ProjectId projectId) {
        return sql.select().from(table(AllocationBalanceProjection.TABLE))
                .where(field("project_id").eq(projectId.value()))
                .orderBy(field("period_start"), field("allocation_id"))
                .fetch(BalanceQueries::toView);
    }

    /** A row of allocation_balance (or of a query selecting its columns) as the balance view. */
    public static BalanceView toView(Record row) {
        return new BalanceView(
                row.get("allocation_id", String.class),
                row.get("project_id", String.class),
                row.get("pool_id", String.class),
                FundingSource.valueOf(row.get("funding_source", String.class)),
                row.get("scheduler_account", String.class),
                row.get("period_start", OffsetDateTime.class).toInstant(),
                row.get("period_end", OffsetDateTime.class).toInstant(),
                row.get("over_consumption_percent", Integer.class),
                AllocationState.of(row.get("has_expired", Boolean.class), row.get("suspended", Boolean.class),
                        Standing.valueOf(row.get("standing", String.class))),
                seconds(row, "granted"), seconds(row, "supplemented"), seconds(row, "consumed"),
                seconds(row, "refunded"), seconds(row, "transferred_in"), seconds(row, "transferred_out"),
                seconds(row, "clawed_back"), seconds(row, "expired"));
    }

    private static GpuSeconds seconds(Record row, String column) {
        return GpuSeconds.of(row.get(column, Long.class));
    }
}
