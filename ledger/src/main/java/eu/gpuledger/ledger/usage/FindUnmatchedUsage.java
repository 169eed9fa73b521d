package eu.gpuledger.ledger.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.time.Instant;
import java.util.List;

/**
 * The jobs kept for want of an allocation, with why, a page at a time in record id order.
 *
 * @param cluster null for every cluster
 * @param account null for every scheduler account
 * @param after   the last record id of the previous page; null for the first page
 * @param limit   at most this many, in [1, {@link #LIMIT_MAX}]
 */
public record FindUnmatchedUsage(ClusterName cluster, SchedulerAccount account, UsageRecordId after, int limit) {

    public static final int LIMIT_MAX = 1000;

    public FindUnmatchedUsage {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + LIMIT_MAX + "], got " + limit);
        }
    }

    /** One kept job: what was reported and charged, why it matched no allocation, and how often it was tried. */
    public record KeptJob(UsageRecordId recordId, ClusterName cluster, String jobId, SchedulerAccount account,
                          String partition, Instant end, GpuSeconds gpuSeconds, String reason, Instant firstSeen,
                          Instant lastTried, int attempts) {
    }

    /** @param next the cursor of the next page; null on the last, where the JSON has no {@code next} */
    public record Page(List<KeptJob> items, @JsonInclude(JsonInclude.Include.NON_NULL) UsageRecordId next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
