package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.PostgresCopy;
import eu.gpuledger.projections.batch.TableNames;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/**
 * A batch's journal entries, appended with one COPY, and its suspensions and resumptions (a few rows, inserted). An
 * entry names its allocation by number, the global index of the allocation's grant: an allocation's events all come
 * through one segment in order, so its grant is either in this batch or already written; the numbers of those not
 * in the batch are read in one query.
 */
final class JournalChanges implements PendingWrites {

    static final List<String> COLUMNS = List.of("global_index", "entry", "allocation_no", "movement", "amount",
            "effective_at", "recorded_at");

    /** {@code globalIndex} is null when the reader did not know it; it is then looked up before writing. */
    private record Posting(String eventIdentifier, Long globalIndex, String allocationId, Movement movement,
                           long gpuSeconds, Instant effectiveAt, Instant recordedAt) {
    }

    /** A suspension or a resumption, effective when recorded; positioned as a posting is. */
    private record Suspension(String eventIdentifier, Long globalIndex, String allocationId, boolean suspended,
                              Instant recordedAt) {
    }

    /** A grant, with the position of the event that carried it (as a posting's): the allocation's number. */
    private record Grant(AllocationGranted event, String eventIdentifier, Long globalIndex) {
    }

    private final AllocationNumbers known;
    private final Map<String, Grant> grants = new LinkedHashMap<>();
    private final List<Posting> postings = new ArrayList<>();
    private final List<Suspension> suspensions = new ArrayList<>();

    JournalChanges(AllocationNumbers known) {
        this.known = known;
    }

    void granted(AllocationGranted event, String eventIdentifier, Long globalIndex) {
        grants.putIfAbsent(event.allocationId().value(), new Grant(event, eventIdentifier, globalIndex));
    }

    void post(String eventIdentifier, Long globalIndex, String allocationId, Movement movement, long gpuSeconds,
              Instant effectiveAt, Instant recordedAt) {
        if (gpuSeconds < 0) {
            throw new IllegalArgumentException("a posting moves a non-negative amount, got " + gpuSeconds);
        }
        postings.add(new Posting(eventIdentifier, globalIndex, allocationId, movement, gpuSeconds, effectiveAt,
                recordedAt));
    }

    /** The allocation was suspended ({@code suspended}) or resumed at {@code recordedAt}. */
    void suspension(String eventIdentifier, Long globalIndex, String allocationId, boolean suspended,
                    Instant recordedAt) {
        suspensions.add(new Suspension(eventIdentifier, globalIndex, allocationId, suspended, recordedAt));
    }

    /** Entries and grants are only ever inserted: each event is journalled once. */
    @Override
    public boolean insertsOnly() {
        return true;
    }

    @Override
    public long pendingRows() {
        return postings.size() + grants.size() + suspensions.size();
    }

    @Override
    public void writeTo(DSLContext sql, TableNames tables) {
        Map<String, Long> globalIndexes = unknownGlobalIndexes(sql);
        Map<String, Long> numbers = new HashMap<>();
        if (!grants.isEmpty()) {
            insertAllocations(sql, tables.of(JournalProjection.ALLOCATIONS), globalIndexes, numbers);
        }
        if (postings.isEmpty() && suspensions.isEmpty()) {
            return;
        }
        readNumbers(sql, tables.of(JournalProjection.ALLOCATIONS), numbers);
        if (!suspensions.isEmpty()) {
            insertSuspensions(sql, tables.of(JournalProjection.SUSPENSIONS), globalIndexes, numbers);
        }
        if (postings.isEmpty()) {
            return;
        }
        PostgresCopy.into(sql, tables.of(JournalProjection.ENTRIES), COLUMNS, rows -> {
            String previousEvent = null;
            int entry = 0;
            for (Posting posting : postings) {
                if (!posting.eventIdentifier().equals(previousEvent)) {
                    previousEvent = posting.eventIdentifier();
                    entry = 0;
                }
                rows.int8(globalIndexOf(posting.eventIdentifier(), posting.globalIndex(), globalIndexes))
                        .int4(entry++).int8(numbers.get(posting.allocationId())).text(posting.movement().name())
                        .int8(posting.gpuSeconds()).timestamp(posting.effectiveAt()).timestamp(posting.recordedAt())
                        .endRow();
            }
        });
    }

    private static long globalIndexOf(String eventIdentifier, Long known, Map<String, Long> lookedUp) {
        return known != null ? known : lookedUp.get(eventIdentifier);
    }

    /**
     * The global index of each posting event whose reader did not know it, in one query on the event store's unique
     * event identifier (see {@link eu.gpuledger.projections.batch.BatchOfEvents#knownGlobalIndex}). A grant is
     * posted too, so its event is among them.
     */
    private Map<String, Long> unknownGlobalIndexes(DSLContext sql) {
        Set<String> identifiers = new HashSet<>();
        postings.forEach(posting -> {
            if (posting.globalIndex() == null) {
                identifiers.add(posting.eventIdentifier());
            }
        });
        suspensions.forEach(suspension -> {
            if (suspension.globalIndex() == null) {
                identifiers.add(suspension.eventIdentifier());
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

    /**
     * Adds to {@code numbers} those of the posting (or suspended) allocations granted in an earlier batch: known
     * already, or read in one query.
     */
    private void readNumbers(DSLContext sql, String allocationsTable, Map<String, Long> numbers) {
        Set<String> missing = new HashSet<>();
        Set<String> allocationIds = new HashSet<>();
        postings.forEach(posting -> allocationIds.add(posting.allocationId()));
        suspensions.forEach(suspension -> allocationIds.add(suspension.allocationId()));
        for (String allocationId : allocationIds) {
            if (!numbers.containsKey(allocationId)) {
                Long number = known.get(allocationId);
                if (number != null) {
                    numbers.put(allocationId, number);
                } else {
                    missing.add(allocationId);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Field<String> id = field(name("allocation_id"), String.class);
        Field<Long> number = field(name("allocation_no"), Long.class);
        sql.select(id, number).from(table(name(allocationsTable))).where(id.in(missing)).forEach(row -> {
            numbers.put(row.value1(), row.value2());
            known.put(row.value1(), row.value2());
        });
        for (String allocationId : allocationIds) {
            if (!numbers.containsKey(allocationId)) {
                throw new IllegalStateException("allocation " + allocationId + " moved hours or was suspended"
                        + " but its grant was never journalled");
            }
        }
    }

    private void insertSuspensions(DSLContext sql, String suspensionsTable, Map<String, Long> globalIndexes,
                                   Map<String, Long> numbers) {
        List<Field<?>> columns = List.of(field(name("global_index")), field(name("allocation_no")),
                field(name("suspended")), field(name("effective_at")), field(name("recorded_at")));
        InsertValuesStepN<?> insert = sql.insertInto(table(name(suspensionsTable)), columns);
        for (Suspension suspension : suspensions) {
            insert = insert.values(globalIndexOf(suspension.eventIdentifier(), suspension.globalIndex(), globalIndexes),
                    numbers.get(suspension.allocationId()), suspension.suspended(),
                    suspension.recordedAt().atOffset(ZoneOffset.UTC), suspension.recordedAt().atOffset(ZoneOffset.UTC));
        }
        insert.execute();
    }

    /** Inserts the batch's grants, and puts each allocation's number into {@code numbers}. */
    private void insertAllocations(DSLContext sql, String allocationsTable, Map<String, Long> globalIndexes,
                                   Map<String, Long> numbers) {
        List<Field<?>> columns = List.of(field(name("allocation_id")), field(name("allocation_no")),
                field(name("project_id")), field(name("pool_id")), field(name("funding_source")),
                field(name("scheduler_account")), field(name("period_start")), field(name("period_end")),
                field(name("over_consumption_percent")));
        InsertValuesStepN<?> insert = sql.insertInto(table(name(allocationsTable)), columns);
        for (Grant entry : grants.values()) {
            AllocationGranted grant = entry.event();
            long number = globalIndexOf(entry.eventIdentifier(), entry.globalIndex(), globalIndexes);
            numbers.put(grant.allocationId().value(), number);
            known.put(grant.allocationId().value(), number);
            insert = insert.values(grant.allocationId().value(), number, grant.projectId().value(),
                    grant.poolId().value(), grant.fundingSource().name(),
                    grant.schedulerAccount() == null ? null : grant.schedulerAccount().value(),
                    grant.periodStart().atOffset(ZoneOffset.UTC), grant.periodEnd().atOffset(ZoneOffset.UTC),
                    grant.overConsumptionPercent());
        }
        insert.onConflictDoNothing().execute();
    }
}
