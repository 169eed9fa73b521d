package eu.gpuledger.ledger.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.schema.tables.records.UsageRecordRecord;
import eu.gpuledger.ledger.schema.tables.records.UsageUnmatchedRecord;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static eu.gpuledger.ledger.schema.Tables.USAGE_UNMATCHED;
import static eu.gpuledger.ledger.schema.Tables.USAGE_RECORD;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.noCondition;

/** The usage store's tables: booked jobs (the exactly-once keys) and unmatched records kept for a retry. */
@Component
public class UsageStore {

    private static final ObjectMapper RECORD_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DSLContext sql;

    public UsageStore(DSLContext sql) {
        this.sql = sql;
    }

    /** A booked job as refunds need it. */
    public record BookedJob(UsageRecordId recordId, AllocationId allocationId, GpuSeconds charged, Instant effectiveAt,
                            NormalisationFactor factor, PricePerGpuHour price) {
    }

    /**
     * Inserts the records that are not booked yet, in one statement (arrays unnested server-side), in the order
     * given (the handler sorts them by record id, so that concurrent batches take the keys' locks in one order).
     *
     * @return the ids inserted now; the others were booked before (or conflict on (cluster, job))
     */
    Set<UsageRecordId> insertNew(List<UsageRecord> records, AllocationResolver.Resolution resolved,
                                 Map<UsageRecord, Long> contentHashes) {
        Set<UsageRecordId> inserted = new HashSet<>();
        if (records.isEmpty()) {
            return inserted;
        }
        int size = records.size();
        Map<String, UsageRecordId> idsByValue = new HashMap<>(size * 2);
        String[] recordIds = new String[size];
        String[] clusters = new String[size];
        String[] jobIds = new String[size];
        Long[] hashes = new Long[size];
        String[] allocations = new String[size];
        Long[] seconds = new Long[size];
        Long[] effectiveMicros = new Long[size];
        BigDecimal[] factors = new BigDecimal[size];
        BigDecimal[] prices = new BigDecimal[size];
        for (int i = 0; i < size; i++) {
            UsageRecord record = records.get(i);
            AllocationResolver.Resolved target = resolved.of(record);
            recordIds[i] = record.recordId().value();
            idsByValue.put(recordIds[i], record.recordId());
            clusters[i] = record.cluster().value();
            jobIds[i] = record.jobId();
            hashes[i] = contentHashes.get(record);
            allocations[i] = target.allocationId().value();
            seconds[i] = record.gpuSeconds().value();
            effectiveMicros[i] = Math.addExact(Math.multiplyExact(record.end().getEpochSecond(), 1_000_000L),
                    record.end().getNano() / 1_000);
            factors[i] = target.factor() == null ? null : target.factor().normalisedPerGpuHour();
            prices[i] = target.price() == null ? null : target.price().eurPerGpuHour();
        }
        // Plain JDBC arrays rather than jOOQ's bindings, which render each array as one long text literal: measured,
        // that rendering was most of the usage store's time in a batch (docs/ingestion.md). Same connection, so
        // the same transaction as the events.
        sql.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
                insert.setArray(1, connection.createArrayOf("varchar", recordIds));
                insert.setArray(2, connection.createArrayOf("varchar", clusters));
                insert.setArray(3, connection.createArrayOf("varchar", jobIds));
                insert.setArray(4, connection.createArrayOf("int8", hashes));
                insert.setArray(5, connection.createArrayOf("varchar", allocations));
                insert.setArray(6, connection.createArrayOf("int8", seconds));
                insert.setArray(7, connection.createArrayOf("int8", effectiveMicros));
                insert.setArray(8, connection.createArrayOf("numeric", factors));
                insert.setArray(9, connection.createArrayOf("numeric", prices));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(idsByValue.get(rows.getString(1)));
                    }
                }
            }
        });
        return inserted;
    }

    /** The effective time travels as microseconds since the epoch: exact, and a bigint array (no text parsing). */
    private static final String INSERT_NEW = """
            INSERT INTO usage_record (record_id, cluster, job_id, content_hash, allocation_id, gpu_seconds,
                                      effective_at, normalised_per_gpu_hour, eur_per_gpu_hour)
            SELECT record_id, cluster, job_id, content_hash, allocation_id, gpu_seconds,
                   TIMESTAMPTZ 'epoch' + effective_micros * INTERVAL '1 microsecond', factor, price
              FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[],
                          ?::bigint[], ?::numeric[], ?::numeric[])
                   AS batch (record_id, cluster, job_id, content_hash, allocation_id, gpu_seconds,
                             effective_micros, factor, price)
            ON CONFLICT DO NOTHING
            RETURNING record_id""";

    Map<UsageRecordId, Long> hashesOf(Collection<UsageRecordId> recordIds) {
        Map<UsageRecordId, Long> hashes = new HashMap<>();
        if (recordIds.isEmpty()) {
            return hashes;
        }
        sql.select(USAGE_RECORD.RECORD_ID, USAGE_RECORD.CONTENT_HASH).from(USAGE_RECORD)
                .where(USAGE_RECORD.RECORD_ID.in(recordIds.stream().map(UsageRecordId::value).toList()))
                .forEach(row -> hashes.put(UsageRecordId.of(row.value1()), row.value2()));
        return hashes;
    }

    public Optional<BookedJob> booked(UsageRecordId recordId) {
        return sql.selectFrom(USAGE_RECORD).where(USAGE_RECORD.RECORD_ID.eq(recordId.value()))
                .fetchOptional(UsageStore::toBooked);
    }

    public long bookedCount() {
        return sql.fetchCount(USAGE_RECORD);
    }

    void keepUnmatched(List<UsageRecord> records, Function<UsageRecord, String> reason, Instant now) {
        for (UsageRecord record : records) {
            String json = toJson(record);
            String why = reason.apply(record);
            sql.insertInto(USAGE_UNMATCHED)
                    .set(USAGE_UNMATCHED.RECORD_ID, record.recordId().value())
                    .set(USAGE_UNMATCHED.CLUSTER, record.cluster().value())
                    .set(USAGE_UNMATCHED.JOB_ID, record.jobId())
                    .set(USAGE_UNMATCHED.ACCOUNT, record.account().value())
                    .set(USAGE_UNMATCHED.PARTITION, record.partition())
                    .set(USAGE_UNMATCHED.RECORD, json)
                    .set(USAGE_UNMATCHED.REASON, why)
                    .set(USAGE_UNMATCHED.FIRST_SEEN, now)
                    .set(USAGE_UNMATCHED.LAST_TRIED, now)
                    .onConflict(USAGE_UNMATCHED.RECORD_ID).doUpdate()
                    .set(USAGE_UNMATCHED.RECORD, json)
                    .set(USAGE_UNMATCHED.REASON, why)
                    .set(USAGE_UNMATCHED.LAST_TRIED, now)
                    .set(USAGE_UNMATCHED.ATTEMPTS, USAGE_UNMATCHED.ATTEMPTS.plus(1))
                    .execute();
        }
    }

    /**
     * Forgets the kept records that are now decided. Most imports have nothing kept at all: one cheap look first,
     * rather than a delete naming every record of the batch. A record kept by a concurrent import after that look
     * is not lost: it stays kept, and its next retry finds it booked and forgets it then.
     */
    void forgetUnmatched(Set<UsageRecordId> decided) {
        if (decided.isEmpty() || !sql.fetchExists(USAGE_UNMATCHED)) {
            return;
        }
        sql.deleteFrom(USAGE_UNMATCHED)
                .where(USAGE_UNMATCHED.RECORD_ID.eq(any(decided.stream().map(UsageRecordId::value).toArray(String[]::new))))
                .execute();
    }

    /**
     * Takes back rows inserted by this transaction for records that were then refused (an allocation past the
     * most it can be charged): the job is not booked, and a later import may book it.
     */
    void removeInserted(Set<UsageRecordId> refused) {
        if (refused.isEmpty()) {
            return;
        }
        sql.deleteFrom(USAGE_RECORD)
                .where(USAGE_RECORD.RECORD_ID.eq(any(refused.stream().map(UsageRecordId::value).toArray(String[]::new))))
                .execute();
    }

    /** Unmatched records, those tried least recently first (so that retries go round them all), at most {@code limit}. */
    List<UsageRecord> unmatched(int limit) {
        return sql.select(USAGE_UNMATCHED.RECORD).from(USAGE_UNMATCHED)
                .orderBy(USAGE_UNMATCHED.LAST_TRIED, USAGE_UNMATCHED.FIRST_SEEN, USAGE_UNMATCHED.RECORD_ID).limit(limit)
                .fetch(USAGE_UNMATCHED.RECORD).stream().map(UsageStore::fromJson).toList();
    }

    /**
     * The kept jobs, a page at a time, in record id order: asked as a query (Axon's query bus), since the web holds
     * no table of the write side.
     */
    @QueryHandler
    public FindUnmatchedUsage.Page handle(FindUnmatchedUsage query) {
        Condition where = noCondition();
        if (query.cluster() != null) {
            where = where.and(USAGE_UNMATCHED.CLUSTER.eq(query.cluster().value()));
        }
        if (query.account() != null) {
            where = where.and(USAGE_UNMATCHED.ACCOUNT.eq(query.account().value()));
        }
        if (query.after() != null) {
            where = where.and(USAGE_UNMATCHED.RECORD_ID.gt(query.after().value()));
        }
        List<FindUnmatchedUsage.KeptJob> page = sql.selectFrom(USAGE_UNMATCHED).where(where)
                .orderBy(USAGE_UNMATCHED.RECORD_ID).limit(query.limit() + 1).fetch(UsageStore::kept);
        if (page.size() <= query.limit()) {
            return new FindUnmatchedUsage.Page(page, null);
        }
        return new FindUnmatchedUsage.Page(page.subList(0, query.limit()), page.get(query.limit() - 1).recordId());
    }

    private static FindUnmatchedUsage.KeptJob kept(UsageUnmatchedRecord row) {
        UsageRecord record = fromJson(row.getRecord());
        return new FindUnmatchedUsage.KeptJob(record.recordId(), record.cluster(), record.jobId(), record.account(),
                record.partition(), record.end(), record.gpuSeconds(), row.getReason(),
                row.getFirstSeen(), row.getLastTried(), row.getAttempts());
    }

    private static String toJson(UsageRecord record) {
        try {
            return RECORD_JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a usage record always serializes", e);
        }
    }

    private static UsageRecord fromJson(String json) {
        try {
            return RECORD_JSON.readValue(json, UsageRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an unmatched record could not be read back: " + json, e);
        }
    }

    private static BookedJob toBooked(UsageRecordRecord row) {
        BigDecimal factor = row.getNormalisedPerGpuHour();
        BigDecimal price = row.getEurPerGpuHour();
        return new BookedJob(UsageRecordId.of(row.getRecordId()), AllocationId.of(row.getAllocationId()),
                GpuSeconds.of(row.getGpuSeconds()), row.getEffectiveAt(),
                factor == null ? null : new NormalisationFactor(factor),
                price == null ? null : new PricePerGpuHour(price));
    }
}
