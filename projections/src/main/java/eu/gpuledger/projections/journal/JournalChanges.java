package eu.gpuledger.projections.journal;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.projections.batch.PendingWrites;
import eu.gpuledger.projections.batch.TableNames;
import eu.gpuledger.projections.batch.TableRow;
import org.jooq.DSLContext;
import org.jooq.Field;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static eu.gpuledger.projections.schema.Tables.JOURNAL_ALLOCATION;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_SUSPENSION;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/**
 * A batch's journal entries and its suspensions and resumptions, appended with one COPY each, and its grants
 * (inserted, kept if there already). An entry names its allocation by number, the global index of the allocation's
 * grant: an allocation's events all come through one segment in order, so its grant is either in this batch or
 * already written; the numbers of those not in the batch are read in one query.
 */
final class JournalChanges implements PendingWrites {

    /**
     * Where a row of the journal stands before it is written: its event's global index when the reader knew it (a
     * rebuild's does), else looked up before writing; its allocation's number, found before writing.
     */
    private abstract static class Positioned {
        final String eventIdentifier;
        final String allocationId;
        Long globalIndex;
        Long allocationNumber;

        Positioned(String eventIdentifier, Long globalIndex, String allocationId) {
            this.eventIdentifier = eventIdentifier;
            this.globalIndex = globalIndex;
            this.allocationId = allocationId;
        }
    }

    /** An entry: the {@code entry}-th of its event. */
    private static final class Posting extends Positioned {
        final int entry;
        final Movement movement;
        final long gpuSeconds;
        final Instant effectiveAt;
        final Instant recordedAt;

        Posting(String eventIdentifier, Long globalIndex, int entry, String allocationId, Movement movement,
                long gpuSeconds, Instant effectiveAt, Instant recordedAt) {
            super(eventIdentifier, globalIndex, allocationId);
            this.entry = entry;
            this.movement = movement;
            this.gpuSeconds = gpuSeconds;
            this.effectiveAt = effectiveAt;
            this.recordedAt = recordedAt;
        }
    }

    /** A suspension or a resumption, effective when recorded. */
    private static final class Suspension extends Positioned {
        final boolean suspended;
        final Instant recordedAt;

        Suspension(String eventIdentifier, Long globalIndex, String allocationId, boolean suspended,
                   Instant recordedAt) {
            super(eventIdentifier, globalIndex, allocationId);
            this.suspended = suspended;
            this.recordedAt = recordedAt;
        }
    }

    /** A grant: its event's global index is the allocation's number. */
    private static final class Grant extends Positioned {
        final AllocationGranted event;

        Grant(AllocationGranted event, String eventIdentifier, Long globalIndex) {
            super(eventIdentifier, globalIndex, event.allocationId().value());
            this.event = event;
        }
    }

    private static final TableRow<Posting> ENTRY = TableRow.of(JOURNAL_ENTRY, Posting.class)
            .column(JOURNAL_ENTRY.GLOBAL_INDEX, posting -> posting.globalIndex)
            .column(JOURNAL_ENTRY.ENTRY, posting -> posting.entry)
            .column(JOURNAL_ENTRY.ALLOCATION_NO, posting -> posting.allocationNumber)
            .column(JOURNAL_ENTRY.MOVEMENT, posting -> posting.movement.name())
            .column(JOURNAL_ENTRY.AMOUNT, posting -> posting.gpuSeconds)
            .column(JOURNAL_ENTRY.EFFECTIVE_AT, posting -> posting.effectiveAt)
            .column(JOURNAL_ENTRY.RECORDED_AT, posting -> posting.recordedAt)
            .build();

    private static final TableRow<Grant> ALLOCATION = TableRow.of(JOURNAL_ALLOCATION, Grant.class)
            .column(JOURNAL_ALLOCATION.ALLOCATION_ID, grant -> grant.allocationId)
            .column(JOURNAL_ALLOCATION.PROJECT_ID, grant -> grant.event.projectId().value())
            .column(JOURNAL_ALLOCATION.POOL_ID, grant -> grant.event.poolId().value())
            .column(JOURNAL_ALLOCATION.FUNDING_SOURCE, grant -> grant.event.fundingSource().name())
            .column(JOURNAL_ALLOCATION.SCHEDULER_ACCOUNT,
                    grant -> grant.event.schedulerAccount() == null ? null : grant.event.schedulerAccount().value())
            .column(JOURNAL_ALLOCATION.PERIOD_START, grant -> grant.event.periodStart())
            .column(JOURNAL_ALLOCATION.PERIOD_END, grant -> grant.event.periodEnd())
            .column(JOURNAL_ALLOCATION.OVER_CONSUMPTION_PERCENT, grant -> grant.event.overConsumptionPercent())
            .column(JOURNAL_ALLOCATION.ALLOCATION_NO, grant -> grant.allocationNumber)
            .build();

    private static final TableRow<Suspension> SUSPENSION = TableRow.of(JOURNAL_SUSPENSION, Suspension.class)
            .column(JOURNAL_SUSPENSION.GLOBAL_INDEX, suspension -> suspension.globalIndex)
            .column(JOURNAL_SUSPENSION.ALLOCATION_NO, suspension -> suspension.allocationNumber)
            .column(JOURNAL_SUSPENSION.SUSPENDED, suspension -> suspension.suspended)
            .column(JOURNAL_SUSPENSION.EFFECTIVE_AT, suspension -> suspension.recordedAt)
            .column(JOURNAL_SUSPENSION.RECORDED_AT, suspension -> suspension.recordedAt)
            .build();

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

    /** Posts an entry; the entries of one event are posted one after the other and numbered from 0. */
    void post(String eventIdentifier, Long globalIndex, String allocationId, Movement movement, long gpuSeconds,
              Instant effectiveAt, Instant recordedAt) {
        if (gpuSeconds < 0) {
            throw new IllegalArgumentException("a posting moves a non-negative amount, got " + gpuSeconds);
        }
        Posting previous = postings.isEmpty() ? null : postings.get(postings.size() - 1);
        int entry = previous != null && previous.eventIdentifier.equals(eventIdentifier) ? previous.entry + 1 : 0;
        postings.add(new Posting(eventIdentifier, globalIndex, entry, allocationId, movement, gpuSeconds, effectiveAt,
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
        findGlobalIndexes(sql);
        Map<String, Long> numbers = new HashMap<>();
        for (Grant grant : grants.values()) {
            grant.allocationNumber = grant.globalIndex;
            numbers.put(grant.allocationId, grant.globalIndex);
            known.put(grant.allocationId, grant.globalIndex);
        }
        if (!grants.isEmpty()) {
            ALLOCATION.insert(sql, tables.of(JOURNAL_ALLOCATION), grants.values());
        }
        if (postings.isEmpty() && suspensions.isEmpty()) {
            return;
        }
        findNumbers(sql, tables, numbers);
        if (!suspensions.isEmpty()) {
            SUSPENSION.copy(sql, tables.of(JOURNAL_SUSPENSION), suspensions);
        }
        if (!postings.isEmpty()) {
            ENTRY.copy(sql, tables.of(JOURNAL_ENTRY), postings);
        }
    }

    /**
     * Sets the global index of each event whose reader did not know it, read in one query on the event store's unique
     * event identifier (see {@link eu.gpuledger.projections.batch.BatchOfEvents#knownGlobalIndex}). A grant is
     * posted too, so its event is among them. The event store is Axon's table, which has no typed class.
     */
    private void findGlobalIndexes(DSLContext sql) {
        List<Positioned> unknown = new ArrayList<>();
        postings.stream().filter(posting -> posting.globalIndex == null).forEach(unknown::add);
        suspensions.stream().filter(suspension -> suspension.globalIndex == null).forEach(unknown::add);
        grants.values().stream().filter(grant -> grant.globalIndex == null).forEach(unknown::add);
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> identifiers = new HashSet<>();
        unknown.forEach(row -> identifiers.add(row.eventIdentifier));
        Field<String> eventIdentifier = field(name("event_identifier"), String.class);
        Field<Long> globalIndex = field(name("global_index"), Long.class);
        Map<String, Long> indexes = sql.select(eventIdentifier, globalIndex).from(table(name("domain_event_entry")))
                .where(eventIdentifier.in(identifiers)).fetchMap(eventIdentifier, globalIndex);
        if (indexes.size() != identifiers.size()) {
            throw new IllegalStateException("events not found in the event store: "
                    + identifiers.stream().filter(id -> !indexes.containsKey(id)).limit(10).toList());
        }
        unknown.forEach(row -> row.globalIndex = indexes.get(row.eventIdentifier));
    }

    /**
     * Sets the number of each posting's and suspension's allocation: granted in this batch ({@code numbers}), met
     * before, or else read in one query.
     */
    private void findNumbers(DSLContext sql, TableNames tables, Map<String, Long> numbers) {
        List<Positioned> rows = new ArrayList<>(postings);
        rows.addAll(suspensions);
        Set<String> missing = new HashSet<>();
        for (Positioned row : rows) {
            if (!numbers.containsKey(row.allocationId)) {
                Long number = known.get(row.allocationId);
                if (number != null) {
                    numbers.put(row.allocationId, number);
                } else {
                    missing.add(row.allocationId);
                }
            }
        }
        if (!missing.isEmpty()) {
            var allocations = tables.of(JOURNAL_ALLOCATION);
            Field<String> id = allocations.field(JOURNAL_ALLOCATION.ALLOCATION_ID);
            Field<Long> number = allocations.field(JOURNAL_ALLOCATION.ALLOCATION_NO);
            sql.select(id, number).from(allocations).where(id.in(missing)).forEach(row -> {
                numbers.put(row.value1(), row.value2());
                known.put(row.value1(), row.value2());
            });
        }
        for (Positioned row : rows) {
            row.allocationNumber = numbers.get(row.allocationId);
            if (row.allocationNumber == null) {
                throw new IllegalStateException("allocation " + row.allocationId + " moved hours or was suspended"
                        + " but its grant was never journalled");
            }
        }
    }
}
