package eu.gpuledger.ledger.usage;

/**
 * Book again the jobs kept for want of an allocation (none whose period holds their end, for their pool and
 * scheduler account), now that it may have been granted: those tried least recently first, at most
 * {@code recordsMax}, so that repeated retries go round every kept job. Those that still match none stay kept.
 */
public record RetryUnmatchedUsage(int recordsMax) {

    public RetryUnmatchedUsage {
        if (recordsMax < 1 || recordsMax > RecordUsageBatch.RECORDS_MAX) {
            throw new IllegalArgumentException("recordsMax must be in [1, " + RecordUsageBatch.RECORDS_MAX
                    + "], got " + recordsMax);
        }
    }
}
