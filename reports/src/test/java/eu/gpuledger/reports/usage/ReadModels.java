package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.projections.catalogue.SearchText;
import eu.gpuledger.projections.journal.Movement;
import org.jooq.DSLContext;
import org.jooq.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ALLOCATION;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROJECT;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROVIDER;
import static org.jooq.impl.DSL.excluded;

/**
 * The read models a usage report reads, as the projections leave them (the catalogue, the balance view, the daily
 * usage, and the journal's entries of the same movements: a grant effective at its period's start, a day's usage at
 * noon, other movements at the allocation's period start, each recorded when it took effect unless said otherwise),
 * written through the typed tables: what the report does with them is under test, not how they are kept.
 * Quantities are in GPU-hours, as people give them.
 */
final class ReadModels {

    private static final long SECONDS_PER_HOUR = 3600;

    private final DSLContext sql;
    /** The next journal entry's place in the event store, and the next allocation's number. */
    private long globalIndex = 1;

    ReadModels(DSLContext sql) {
        this.sql = sql;
    }

    /** Empties the tables a report reads, so that each test starts from nothing. */
    void clear() {
        for (Table<?> table : List.of(USAGE_DAILY, ALLOCATION_BALANCE, VIEW_POOL, VIEW_PROJECT, VIEW_PROVIDER,
                JOURNAL_ENTRY, JOURNAL_ALLOCATION)) {
            sql.truncate(table).execute();
        }
    }

    ReadModels provider(String providerId) {
        sql.insertInto(VIEW_PROVIDER).set(VIEW_PROVIDER.PROVIDER_ID, providerId)
                .set(VIEW_PROVIDER.NAME, providerId.toUpperCase()).set(VIEW_PROVIDER.KIND, "PUBLIC")
                .set(VIEW_PROVIDER.EURO_HPC_HOSTED, false).execute();
        return this;
    }

    ReadModels pool(String poolId, String providerId) {
        sql.insertInto(VIEW_POOL).set(VIEW_POOL.POOL_ID, poolId).set(VIEW_POOL.PROVIDER_ID, providerId)
                .set(VIEW_POOL.CLUSTER, providerId + "-cluster").set(VIEW_POOL.PARTITION, poolId)
                .set(VIEW_POOL.GPU_MODEL, "A100").set(VIEW_POOL.GPUS_PER_NODE, 8).set(VIEW_POOL.CPUS_PER_NODE, 64)
                .set(VIEW_POOL.CHARGED, true).execute();
        return this;
    }

    ReadModels project(String projectId, Audience audience, String sector, AccessMode accessMode) {
        sql.insertInto(VIEW_PROJECT).set(VIEW_PROJECT.PROJECT_ID, projectId).set(VIEW_PROJECT.TITLE, projectId)
                .set(VIEW_PROJECT.PRINCIPAL_INVESTIGATOR, "PI of " + projectId)
                .set(VIEW_PROJECT.ORGANISATION, "CNRS").set(VIEW_PROJECT.AUDIENCE, audience.name())
                .set(VIEW_PROJECT.SECTOR, sector).set(VIEW_PROJECT.ACCESS_MODE, accessMode.name())
                .set(VIEW_PROJECT.SEARCH_TEXT, SearchText.ofProject(projectId, projectId, "PI of " + projectId, "CNRS"))
                .execute();
        return this;
    }

    /** An allocation of {@code grantedHours} over [start, end), with no movement yet. */
    ReadModels allocation(String allocationId, String projectId, String poolId, FundingSource fundingSource,
                          String start, String end, long grantedHours) {
        sql.insertInto(ALLOCATION_BALANCE).set(ALLOCATION_BALANCE.ALLOCATION_ID, allocationId)
                .set(ALLOCATION_BALANCE.PROJECT_ID, projectId).set(ALLOCATION_BALANCE.POOL_ID, poolId)
                .set(ALLOCATION_BALANCE.FUNDING_SOURCE, fundingSource.name())
                .set(ALLOCATION_BALANCE.PERIOD_START, Instant.parse(start))
                .set(ALLOCATION_BALANCE.PERIOD_END, Instant.parse(end))
                .set(ALLOCATION_BALANCE.OVER_CONSUMPTION_PERCENT, 25)
                .set(ALLOCATION_BALANCE.GRANTED, grantedHours * SECONDS_PER_HOUR)
                .set(ALLOCATION_BALANCE.STANDING, Standing.WITHIN_GRANT.name()).execute();
        long number = globalIndex;
        sql.insertInto(JOURNAL_ALLOCATION).set(JOURNAL_ALLOCATION.ALLOCATION_ID, allocationId)
                .set(JOURNAL_ALLOCATION.ALLOCATION_NO, number)
                .set(JOURNAL_ALLOCATION.PROJECT_ID, projectId).set(JOURNAL_ALLOCATION.POOL_ID, poolId)
                .set(JOURNAL_ALLOCATION.FUNDING_SOURCE, fundingSource.name())
                .set(JOURNAL_ALLOCATION.PERIOD_START, Instant.parse(start))
                .set(JOURNAL_ALLOCATION.PERIOD_END, Instant.parse(end))
                .set(JOURNAL_ALLOCATION.OVER_CONSUMPTION_PERCENT, 25).execute();
        return entry(allocationId, Movement.GRANTED, grantedHours * SECONDS_PER_HOUR, Instant.parse(start),
                Instant.parse(start));
    }

    /**
     * A journal entry of an allocation: {@code seconds} moved by {@code movement}, effective at {@code effectiveAt},
     * recorded at {@code recordedAt}; the journal only (the other read models are the caller's).
     */
    ReadModels entry(String allocationId, Movement movement, long seconds, Instant effectiveAt, Instant recordedAt) {
        long number = sql.select(JOURNAL_ALLOCATION.ALLOCATION_NO).from(JOURNAL_ALLOCATION)
                .where(JOURNAL_ALLOCATION.ALLOCATION_ID.eq(allocationId)).fetchSingle().value1();
        sql.insertInto(JOURNAL_ENTRY).set(JOURNAL_ENTRY.GLOBAL_INDEX, globalIndex++).set(JOURNAL_ENTRY.ENTRY, 0)
                .set(JOURNAL_ENTRY.ALLOCATION_NO, number).set(JOURNAL_ENTRY.MOVEMENT, movement.name())
                .set(JOURNAL_ENTRY.AMOUNT, seconds).set(JOURNAL_ENTRY.EFFECTIVE_AT, effectiveAt)
                .set(JOURNAL_ENTRY.RECORDED_AT, recordedAt).execute();
        return this;
    }

    private Instant periodStart(String allocationId) {
        return sql.select(JOURNAL_ALLOCATION.PERIOD_START).from(JOURNAL_ALLOCATION)
                .where(JOURNAL_ALLOCATION.ALLOCATION_ID.eq(allocationId)).fetchSingle().value1();
    }

    /** Hours moved into or out of an allocation's entitlement, as the balance view sums them. */
    ReadModels movements(String allocationId, long supplementedHours, long transferredInHours,
                         long transferredOutHours, long clawedBackHours, long expiredHours) {
        sql.update(ALLOCATION_BALANCE)
                .set(ALLOCATION_BALANCE.SUPPLEMENTED, supplementedHours * SECONDS_PER_HOUR)
                .set(ALLOCATION_BALANCE.TRANSFERRED_IN, transferredInHours * SECONDS_PER_HOUR)
                .set(ALLOCATION_BALANCE.TRANSFERRED_OUT, transferredOutHours * SECONDS_PER_HOUR)
                .set(ALLOCATION_BALANCE.CLAWED_BACK, clawedBackHours * SECONDS_PER_HOUR)
                .set(ALLOCATION_BALANCE.EXPIRED, expiredHours * SECONDS_PER_HOUR)
                .where(ALLOCATION_BALANCE.ALLOCATION_ID.eq(allocationId)).execute();
        Instant start = periodStart(allocationId);
        long[] hours = {supplementedHours, transferredInHours, transferredOutHours, clawedBackHours, expiredHours};
        Movement[] movements = {Movement.SUPPLEMENTED, Movement.TRANSFERRED_IN, Movement.TRANSFERRED_OUT,
                Movement.CLAWED_BACK, Movement.EXPIRED};
        for (int i = 0; i < hours.length; i++) {
            if (hours[i] > 0) {
                entry(allocationId, movements[i], hours[i] * SECONDS_PER_HOUR, start, start);
            }
        }
        return this;
    }

    /**
     * Jobs of an allocation whose effective time fell on {@code day} (UTC), consuming and refunding hours at a
     * factor and a price per GPU-hour, as both the daily usage and the allocation's balance count them (adding to
     * the day's usage recorded before).
     */
    ReadModels usage(String allocationId, String day, long consumedHours, long refundedHours, String factor,
                     String eurPerGpuHour, long jobs) {
        BigDecimal perHour = new BigDecimal(factor);
        BigDecimal eur = new BigDecimal(eurPerGpuHour);
        long consumed = consumedHours * SECONDS_PER_HOUR;
        long refunded = refundedHours * SECONDS_PER_HOUR;
        sql.insertInto(USAGE_DAILY).set(USAGE_DAILY.ALLOCATION_ID, allocationId)
                .set(USAGE_DAILY.DAY, LocalDate.parse(day))
                .set(USAGE_DAILY.CONSUMED, consumed).set(USAGE_DAILY.REFUNDED, refunded)
                .set(USAGE_DAILY.NORMALISED_CONSUMED, perHour.multiply(BigDecimal.valueOf(consumed)))
                .set(USAGE_DAILY.NORMALISED_REFUNDED, perHour.multiply(BigDecimal.valueOf(refunded)))
                .set(USAGE_DAILY.EUR_CONSUMED, eur.multiply(BigDecimal.valueOf(consumedHours)))
                .set(USAGE_DAILY.EUR_REFUNDED, eur.multiply(BigDecimal.valueOf(refundedHours)))
                .set(USAGE_DAILY.JOBS, jobs)
                .onConflict(USAGE_DAILY.ALLOCATION_ID, USAGE_DAILY.DAY).doUpdate()
                .set(USAGE_DAILY.CONSUMED, USAGE_DAILY.CONSUMED.plus(excluded(USAGE_DAILY.CONSUMED)))
                .set(USAGE_DAILY.REFUNDED, USAGE_DAILY.REFUNDED.plus(excluded(USAGE_DAILY.REFUNDED)))
                .set(USAGE_DAILY.NORMALISED_CONSUMED,
                        USAGE_DAILY.NORMALISED_CONSUMED.plus(excluded(USAGE_DAILY.NORMALISED_CONSUMED)))
                .set(USAGE_DAILY.NORMALISED_REFUNDED,
                        USAGE_DAILY.NORMALISED_REFUNDED.plus(excluded(USAGE_DAILY.NORMALISED_REFUNDED)))
                .set(USAGE_DAILY.EUR_CONSUMED, USAGE_DAILY.EUR_CONSUMED.plus(excluded(USAGE_DAILY.EUR_CONSUMED)))
                .set(USAGE_DAILY.EUR_REFUNDED, USAGE_DAILY.EUR_REFUNDED.plus(excluded(USAGE_DAILY.EUR_REFUNDED)))
                .set(USAGE_DAILY.JOBS, USAGE_DAILY.JOBS.plus(excluded(USAGE_DAILY.JOBS)))
                .execute();
        sql.update(ALLOCATION_BALANCE)
                .set(ALLOCATION_BALANCE.CONSUMED, ALLOCATION_BALANCE.CONSUMED.plus(consumed))
                .set(ALLOCATION_BALANCE.REFUNDED, ALLOCATION_BALANCE.REFUNDED.plus(refunded))
                .where(ALLOCATION_BALANCE.ALLOCATION_ID.eq(allocationId)).execute();
        Instant noon = LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
        if (consumed > 0) {
            entry(allocationId, Movement.CONSUMED, consumed, noon, noon);
        }
        if (refunded > 0) {
            entry(allocationId, Movement.REFUNDED, refunded, noon, noon);
        }
        return this;
    }
}
