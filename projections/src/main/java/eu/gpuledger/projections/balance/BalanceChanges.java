package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.PostgresCopy;
import eu.gpuledger.projections.batch.TableNames;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Table;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.table;

/**
 * A batch's changes to the balance view: the allocations granted in it, and per allocation the sum of each bucket's
 * movements and the last standing and suspension seen. Sums commute, and an allocation's events all come in order
 * through one segment, so "last seen" is the latest; a grant and later movements of the same allocation in one
 * batch work because the insert is written before the update.
 */
final class BalanceChanges implements PendingWrites {

    /** Net movements of one allocation within the batch. */
    static final class Delta {
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
    }

    private static final List<String> COLUMNS = List.of("allocation_id", "project_id", "pool_id", "funding_source",
            "scheduler_account", "period_start", "period_end", "over_consumption_percent", "granted", "supplemented",
            "consumed", "refunded", "transferred_in", "transferred_out", "clawed_back", "expired", "standing",
            "suspended", "has_expired");
    /** The column's default: a new allocation has consumed nothing. */
    private static final String INITIAL_STANDING = eu.gpuledger.ledger.allocation.Standing.WITHIN_GRANT.name();

    private final Map<String, AllocationGranted> grants = new LinkedHashMap<>();
    private final Map<String, Delta> deltas = new LinkedHashMap<>();

    void granted(AllocationGranted event) {
        grants.putIfAbsent(event.allocationId().value(), event);
    }

    Delta of(AllocationId allocationId) {
        return deltas.computeIfAbsent(allocationId.value(), id -> new Delta());
    }

    @Override
    public long pendingRows() {
        return grants.size() + deltas.size();
    }

    @Override
    public void writeTo(DSLContext sql, TableNames tables) {
        Table<?> balance = table(name(tables.of(AllocationBalanceProjection.TABLE)));
        if (!grants.isEmpty()) {
            insertGrants(sql, balance);
        }
        if (!deltas.isEmpty()) {
            updateBuckets(sql, balance);
        }
    }

    /**
     * Into an empty table: one COPY of the granted allocations, each with its movements folded in. Movements of an
     * allocation never granted are dropped, as the update of a missing row drops them in {@link #writeTo}.
     */
    @Override
    public void writeNew(DSLContext sql, TableNames tables) {
        Delta none = new Delta();
        PostgresCopy.into(sql, tables.of(AllocationBalanceProjection.TABLE), COLUMNS, rows -> {
            for (AllocationGranted grant : grants.values()) {
                Delta delta = deltas.getOrDefault(grant.allocationId().value(), none);
                rows.text(grant.allocationId().value()).text(grant.projectId().value()).text(grant.poolId().value())
                        .text(grant.fundingSource().name())
                        .text(grant.schedulerAccount() == null ? null : grant.schedulerAccount().value())
                        .timestamp(grant.periodStart()).timestamp(grant.periodEnd())
                        .int4(grant.overConsumptionPercent()).int8(grant.granted().value())
                        .int8(delta.supplemented).int8(delta.consumed).int8(delta.refunded)
                        .int8(delta.transferredIn).int8(delta.transferredOut).int8(delta.clawedBack)
                        .int8(delta.expired).text(delta.standing == null ? INITIAL_STANDING : delta.standing)
                        .bool(delta.suspended != null && delta.suspended).bool(delta.hasExpired).endRow();
            }
        });
    }

    private void insertGrants(DSLContext sql, Table<?> balance) {
        List<Field<?>> columns = List.of(field(name("allocation_id")), field(name("project_id")),
                field(name("pool_id")), field(name("funding_source")), field(name("scheduler_account")),
                field(name("period_start")), field(name("period_end")), field(name("over_consumption_percent")),
                field(name("granted")));
        InsertValuesStepN<?> insert = sql.insertInto(balance, columns);
        for (AllocationGranted grant : grants.values()) {
            insert = insert.values(grant.allocationId().value(), grant.projectId().value(), grant.poolId().value(),
                    grant.fundingSource().name(),
                    grant.schedulerAccount() == null ? null : grant.schedulerAccount().value(),
                    grant.periodStart().atOffset(ZoneOffset.UTC), grant.periodEnd().atOffset(ZoneOffset.UTC),
                    grant.overConsumptionPercent(), grant.granted().value());
        }
        insert.onConflictDoNothing().execute();
    }

    private void updateBuckets(DSLContext sql, Table<?> balance) {
        var update = sql.update(balance)
                .set(bucket("supplemented"), bucket("supplemented").plus(param("supplemented", Long.class)))
                .set(bucket("consumed"), bucket("consumed").plus(param("consumed", Long.class)))
                .set(bucket("refunded"), bucket("refunded").plus(param("refunded", Long.class)))
                .set(bucket("transferred_in"), bucket("transferred_in").plus(param("transferred_in", Long.class)))
                .set(bucket("transferred_out"), bucket("transferred_out").plus(param("transferred_out", Long.class)))
                .set(bucket("clawed_back"), bucket("clawed_back").plus(param("clawed_back", Long.class)))
                .set(bucket("expired"), bucket("expired").plus(param("expired", Long.class)))
                .set(field(name("has_expired"), Boolean.class),
                        field(condition(field(name("has_expired"), Boolean.class))
                                .or(condition(param("has_expired", Boolean.class)))))
                .set(field(name("standing"), String.class),
                        coalesce(param("standing", String.class), field(name("standing"), String.class)))
                .set(field(name("suspended"), Boolean.class),
                        coalesce(param("suspended", Boolean.class), field(name("suspended"), Boolean.class)))
                .where(field(name("allocation_id"), String.class).eq(param("allocation_id", String.class)));
        BatchBindStep batch = sql.batch(update);
        for (Map.Entry<String, Delta> entry : deltas.entrySet()) {
            Delta delta = entry.getValue();
            batch = batch.bind(delta.supplemented, delta.consumed, delta.refunded, delta.transferredIn,
                    delta.transferredOut, delta.clawedBack, delta.expired, delta.hasExpired, delta.standing,
                    delta.suspended, entry.getKey());
        }
        batch.execute();
    }

    private static Field<Long> bucket(String column) {
        return field(name(column), Long.class);
    }
}
