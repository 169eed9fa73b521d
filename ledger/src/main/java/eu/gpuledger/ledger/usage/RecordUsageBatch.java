package eu.gpuledger.ledger.usage;

import java.util.List;

/**
 * Book a batch of charged jobs: deduplicate them against the usage store, map each to the allocation whose period
 * holds its end, and charge every allocation concerned, all in one unit of work and one transaction
 * (STACK.md trap 9: throughput comes from batching). The batch is bounded by {@link #RECORDS_MAX}.
 */
public record RecordUsageBatch(List<UsageRecord> records) {

    public static final int RECORDS_MAX = 20_000;

    public RecordUsageBatch {
        records = List.copyOf(records);
        if (records.size() > RECORDS_MAX) {
            throw new IllegalArgumentException("a usage batch holds at most " + RECORDS_MAX + " records, got " + records.size());
        }
    }
}
