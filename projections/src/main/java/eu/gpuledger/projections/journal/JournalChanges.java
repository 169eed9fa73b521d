package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.PostgresCopy;
import eu.gpuledger.projections.batch.TableNames;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record3;

import java.time.Instant;
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
import static org.jooq.impl.DSL.table;

/**
 * A batch's journal postings, appended with one COPY. The counter-accounts of grants, consumption and expiry depend
 * on the allocation's funding source and pool, known from its grant: an allocation's events all come through one
 * segment in order, so its grant is either in this batch or already written; those not in the batch are read in
 * one query.
 */
final class JournalChanges implements PendingWrites {

    /** The other side of a posting, named once the allocation's funding source and pool are known. */
    enum CounterAccount { FUNDING, CONSUMPTION, LAPSED, TRANSFER_EXCHANGE }

    static final List<String> COLUMNS = List.of("global_index", "entry", "allocation_id", "movement",
            "debit_account", "credit_account", "amount", "effective_at", "recorded_at");

    /** {@code globalIndex} is null when the reader did not know it; it is then looked up before writing. */
    private record Posting(String eventIdentifier, Long globalIndex, String allocationId, Movement movement,
                           CounterAccount counter, long gpuSeconds, Instant effectiveAt, Instant recordedAt) {
    }

    /** The names of an allocation's own account and of its counter-accounts, made once per write. */
    private record AllocationAccounts(String allocation, String funding, String consumption, String lapsed) {

        static AllocationAccounts of(String allocationId, FundingSource fundingSource, String poolId) {
            return new AllocationAccounts(LedgerAccount.allocation(allocationId), LedgerAccount.funding(fundingSource),
                    LedgerAccount.consumption(poolId), LedgerAccount.lapsed(poolId));
        }
    }

    private final Map<String, AllocationGranted> grants = new LinkedHashMap<>();
    private final List<Posting> postings = new ArrayList<>();

    void granted(AllocationGranted event) {
        grants.putIfAbsent(event.allocationId().value(), event);
    }

    void post(String eventIdentifier, Long globalIndex, String allocationId, Movement movement, CounterAccount counter,
              long gpuSeconds, Instant effectiveAt, Instant recordedAt) {
        if (gpuSeconds < 0) {
            throw new IllegalArgumentException("a posting moves a non-negative amount, got " + gpuSeconds);
        }
        postings.add(new Posting(eventIdentifier, globalIndex, allocationId, movement, counter, gpuSeconds,
                effectiveAt, recordedAt));
    }

    /** Entries and grants are only ever inserted: each event is journalled once. */
    @Override
    public boolean insertsOnly() {
        return true;
    }

    @Override
    public long pendingRows() {
        return postings.size() + grants.size();
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
        Map<String, Long> globalIndexes = unknownGlobalIndexes(sql);
        PostgresCopy.into(sql, tables.of(JournalProjection.ENTRIES), COLUMNS, rows -> {
            String previousEvent = null;
            int entry = 0;
            for (Posting posting : postings) {
                if (!posting.eventIdentifier().equals(previousEvent)) {
                    previousEvent = posting.eventIdentifier();
                    entry = 0;
                }
                long globalIndex = posting.globalIndex() != null ? posting.globalIndex()
                        : globalIndexes.get(posting.eventIdentifier());
                AllocationAccounts allocation = accounts.get(posting.allocationId());
                String allocationAccount = allocation != null ? allocation.allocation()
                        : LedgerAccount.allocation(posting.allocationId());
                String counterAccount = counterAccount(posting, allocation);
                boolean into = posting.movement().intoAllocation();
                rows.int8(globalIndex).int4(entry++).text(posting.allocationId()).text(posting.movement().name())
                        .text(into ? allocationAccount : counterAccount).text(into ? counterAccount : allocationAccount)
                        .int8(posting.gpuSeconds()).timestamp(posting.effectiveAt()).timestamp(posting.recordedAt())
                        .endRow();
            }
        });
    }

    private static String counterAccount(Posting posting, AllocationAccounts allocation) {
        if (posting.counter() == CounterAccount.TRANSFER_EXCHANGE) {
            return LedgerAccount.TRANSFER_EXCHANGE;
        }
        if (allocation == null) {
            throw new IllegalStateException("allocation " + posting.allocationId() + " moved hours (event "
                    + posting.eventIdentifier() + ") but its grant was never journalled");
        }
        return switch (posting.counter()) {
            case FUNDING -> allocation.funding();
            case CONSUMPTION -> allocation.consumption();
            case LAPSED -> allocation.lapsed();
            case TRANSFER_EXCHANGE -> throw new AssertionError("handled above");
        };
    }

    /**
     * The global index of each posting event whose reader did not know it, in one query on the event store's unique
     * event identifier (see {@link eu.gpuledger.projections.batch.BatchOfEvents#knownGlobalIndex}).
     */
    private Map<String, Long> unknownGlobalIndexes(DSLContext sql) {
        Set<String> identifiers = new TreeSet<>();
        postings.forEach(posting -> {
            if (posting.globalIndex() == null) {
                identifiers.add(posting.eventIdentifier());
            }
        });
        if (identifiers.isEmpty()) {
            return Map.of();
        }
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
        grants.forEach((id, grant) -> accounts.put(id, AllocationAccounts.of(id, grant.fundingSource(),
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
                accounts.put(row.value1(), AllocationAccounts.of(row.value1(), FundingSource.valueOf(row.value2()),
                        row.value3()));
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
