package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.Bucket;
import eu.gpuledger.ledger.allocation.Buckets;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.support.ReadModelDatabase;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balance equation and the entitlement, folded in SQL over the balance view's columns, give what {@link Buckets}
 * gives in Java, on PostgreSQL: each bucket holds a different power of two, so a bucket counted with the wrong sign,
 * twice or not at all shows in the figure.
 */
class BucketColumnsTest {

    @Test
    void the_balance_and_the_entitlement_in_sql_are_those_of_the_buckets() {
        DSLContext sql = ReadModelDatabase.create();
        Buckets buckets = Buckets.EMPTY;
        var row = sql.insertInto(ALLOCATION_BALANCE)
                .set(ALLOCATION_BALANCE.ALLOCATION_ID, "bucket-columns")
                .set(ALLOCATION_BALANCE.PROJECT_ID, "p")
                .set(ALLOCATION_BALANCE.POOL_ID, "pool")
                .set(ALLOCATION_BALANCE.FUNDING_SOURCE, "GENCI")
                .set(ALLOCATION_BALANCE.PERIOD_START, Instant.parse("2026-01-01T00:00:00Z"))
                .set(ALLOCATION_BALANCE.PERIOD_END, Instant.parse("2027-01-01T00:00:00Z"))
                .set(ALLOCATION_BALANCE.OVER_CONSUMPTION_PERCENT, 25);
        for (Bucket bucket : Bucket.values()) {
            long hours = 1L << (4 * bucket.ordinal());
            buckets = buckets.plus(bucket, GpuSeconds.of(hours));
            row = row.set(BucketColumns.of(bucket), hours);
        }
        row.execute();

        Record figures = sql.select(BucketColumns.balance(), BucketColumns.entitlement()).from(ALLOCATION_BALANCE)
                .where(ALLOCATION_BALANCE.ALLOCATION_ID.eq("bucket-columns")).fetchOne();

        assertThat(figures.get(0, Long.class)).isEqualTo(buckets.balance().value());
        assertThat(figures.get(1, Long.class)).isEqualTo(buckets.entitlement().value());
        assertThat(BucketColumns.all()).doesNotHaveDuplicates().hasSize(Bucket.values().length);
    }
}
