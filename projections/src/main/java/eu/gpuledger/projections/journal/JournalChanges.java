package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.TableNames;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record3;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.table;

/**
 * A batch's journal postings. The counter-accounts of grants, consumption and expiry depend on the allocation's
 * funding source and pool, known from its grant: an allocation's events all come through one segment in order, so
 * its grant is either in this batch or already committed; those not in the batch are read in one query.
 */
final class JournalChanges implements PendingWrites {

    /** The other side of a posting, named once the allocation's funding source and pool are known. */
    enum CounterAccount { FUNDING, CONSUMPTION, LAPSED, TRANSFER_EXCHANGE }

    private record Posting(String eventIdentifier, String allocationId, Movement movement, CounterAccount counter,
                           long gpuSeconds, Instant effectiveAt, Instant recordedAt) {
    }

    private record AllocationAccounts(FundingSource fundingSource, String poolId) {
    }

    private final Map<String, AllocationGranted> grants = new LinkedHashMap<>();
    private final List<Posting> postings = new ArrayList<>();

    void granted(AllocationGranted event) {
        grants.putIfAbsent(event.allocationId().value(), event);
    }

    void post(String eventIdentifier, String allocationId, Movement movement, CounterAccount counter, long gpuSeconds,
              Instant effectiveAt, Instant recordedAt) {
        if (gpuSeconds < 0) {
            throw new IllegalArgumentException("a posting moves a non-negative amount, got " + gpuSeconds);
        }
        postings.add(new Posting(eventIdentifier, allocationId, movement, counter, gpuSeconds, effectiveAt, recordedAt));
    }

    @Override
    public void writeTo(DSLContext sql, TableNames tables) {
        if (!grants.isEmpty()) {
            insertAllocations(sql, tables.of(JournalProjection.ALLOCATIONS));
        }
        if (postings.isEmpty()) {
            return;
        }
        Map<String, AllocationAccounts> accounts = accountsOfAllocations(sql, tables.of(JournalProjection.ALLOCATIONS));
        Map<String, Long> globalIndexes = globalIndexes(sql);
        var insert = sql.insertInto(table(name(tables.of(JournalProjection.LINES))))
                .set(field(name("global_index"), Long.class), param("global_index", Long.class))
                .set(field(name("line"), Integer.class), param("line", Integer.class))
                .set(field(name("account"), String.class), param("account", String.class))
                .set(field(name("allocation_id"), String.class), param("allocation_id", String.class))
                .set(field(name("movement"), String.class), param("movement", String.class))
                .set(field(name("debit"), Long.class), param("debit", Long.class))
                .set(field(name("credit"), Long.class), param("credit", Long.class))
                .set(field(name("effective_at"), OffsetDateTime.class), param("effective_at", OffsetDateTime.class))
                .set(field(name("recorded_at"), OffsetDateTime.class), param("recorded_at", OffsetDateTime.class));
        BatchBindStep batch = sql.batch(insert);
        String previousEvent = null;
        int line = 0;
        for (Posting posting : postings) {
            if (!posting.eventIdentifier().equals(previousEvent)) {
                previousEvent = posting.eventIdentifier();
                line = 0;
            }
            long globalIndex = globalIndexes.get(posting.eventIdentifier());
            String allocationAccount = LedgerAccount.allocation(posting.allocationId());
            String counterAccount = counterAccount(posting, accounts);
            long amount = posting.gpuSeconds();
            boolean into = posting.movement().intoAllocation();
            OffsetDateTime effectiveAt = posting.effectiveAt().atOffset(ZoneOffset.UTC);
            OffsetDateTime recordedAt = posting.recordedAt().atOffset(ZoneOffset.UTC);
            batch = batch.bind(globalIndex, line++, allocationAccount, posting.allocationId(),
                    posting.movement().name(), into ? amount : 0L, into ? 0L : amount, effectiveAt, recordedAt);
            batch = batch.bind(globalIndex, line++, counterAccount, posting.allocationId(),
                    posting.movement().name(), into ? 0L : amount, into ? amount : 0L, effectiveAt, recordedAt);
        }
        batch.execute();
    }

    private static String counterAccount(Posting posting, Map<String, AllocationAccounts> accounts) {
        if (posting.counter() == CounterAccount.TRANSFER_EXCHANGE) {
            return LedgerAccount.TRANSFER_EXCHANGE;
        }
        AllocationAccounts allocation = accounts.get(posting.allocationId());
        if (allocation == null) {
            throw new IllegalStateException("allocation " + posting.allocationId() + " moved hours (event "
                    + posting.eventIdentifier() + ") but its grant was never journalled");
        }
        return switch (posting.counter()) {
            case FUNDING -> LedgerAccount.funding(allocation.fundingSource());
            case CONSUMPTION -> LedgerAccount.consumption(allocation.poolId());
            case LAPSED -> LedgerAccount.lapsed(allocation.poolId());
            case TRANSFER_EXCHANGE -> throw new AssertionError("handled above");
        };
    }

    /** The global index of each event that posted, in one query on the event store's unique event identifier. */
    private Map<String, Long> globalIndexes(DSLContext sql) {
        Set<String> identifiers = new TreeSet<>();
        postings.forEach(posting -> identifiers.add(posting.eventIdentifier()));
        Field<String> eventIdentifier = field(name("event_identifier"), String.class);
        Field<Long> globalIndex = field(name("global_index"), Long.class);
        Map<String, Long> indexes = sql.select(eventIdentifier, globalIndex).from(table(name("domain_event_entry")))
                .where(eventIdentifier.in(identifiers)).fetchMap(eventIdentifier, globalIndex);
        if (indexes.size() != identifiers.size()) {
            throw new IllegalStateException("events not found in the event store: "
                    + identifiers.stream().filter(id -> !indexes.containsKey(id)).limit(10).toList());
        }
        return indexes;
    }

    private Map<String, AllocationAccounts> accountsOfAllocations(DSLContext sql, String allocationsTable) {
        Map<String, AllocationAccounts> accounts = new HashMap<>();
        grants.forEach((id, grant) -> accounts.put(id, new AllocationAccounts(grant.fundingSource(),
                grant.poolId().value())));
        Set<String> missing = new TreeSet<>();
        for (Posting posting : postings) {
            if (posting.counter() != CounterAccount.TRANSFER_EXCHANGE && !accounts.containsKey(posting.allocationId())) {
                missing.add(posting.allocationId());
            }
        }
        if (!missing.isEmpty()) {
            Field<String> id = field(name("allocation_id"), String.class);
            for (Record3<String, String, String> row : sql.select(id, field(name("funding_source"), String.class),
                            field(name("pool_id"), String.class))
                    .from(table(name(allocationsTable))).where(id.in(missing)).fetch()) {
                accounts.put(row.value1(), new AllocationAccounts(FundingSource.valueOf(row.value2()), row.value3()));
            }
        }
        return accounts;
    }

    private void insertAllocations(DSLContext sql, String allocationsTable) {
        List<Field<?>> columns = List.of(field(name("allocation_id")), field(name("project_id")),
                field(name("pool_id")), field(name("funding_source")), field(name("scheduler_account")),
                field(name("period_start")), field(name("period_end")), field(name("over_consumption_percent")));
        InsertValuesStepN<?> insert = sql.insertInto(table(name(allocationsTable)), columns);
        for (AllocationGranted grant : grants.values()) {
            insert = insert.values(grant.allocationId().value(), grant.projectId().value(), grant.poolId().value(),
                    grant.fundingSource().name(),
                    grant.schedulerAccount() == null ? null : grant.schedulerAccount().value(),
                    grant.periodStart().atOffset(ZoneOffset.UTC), grant.periodEnd().atOffset(ZoneOffset.UTC),
                    grant.overConsumptionPercent());
        }
        insert.onConflictDoNothing().execute();
    }
}
