package eu.gpuledger.ledger.usage;

import java.util.List;

/**
 * Charge and book a batch of reported jobs: find each one's pool and charge by the charging rules, deduplicate them
 * against the usage store, map each to the allocation whose period holds its end, and charge every allocation
 * concerned, all in one unit of work and one transaction (throughput comes from batching: a million jobs are
 * thousands of events, not a million). The batch is bounded by {@link #RECORDS_MAX}.
 */
public record RecordUsageBatch(List<ReportedUsage> reported) {

    public static final int RECORDS_MAX = 20_000;

    public RecordUsageBatch {
        reported = List.copyOf(reported);
        if (reported.size() > RECORDS_MAX) {
            throw new IllegalArgumentException("a usage batch holds at most " + RECORDS_MAX + " records, got "
                    + reported.size());
        }
    }
}
