package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the outcomes of one usage import as they stream past, in constant memory: rejected lines are listed up
 * to {@link #REJECTIONS_KEPT_MAX}, and only counted beyond. The readers decide the lines they cannot read or that are
 * no job; the command side (charging rules and usage store) decides the rest, a batch at a time. Not thread-safe: one import, one thread.
 */
public final class ImportTally {

    /** A bound on the rejections an answer lists: a file of a million bad lines answers with the first thousand. */
    public static final int REJECTIONS_KEPT_MAX = 1000;

    private long accepted;
    private long duplicates;
    private long steps;
    private long uncharged;
    private long zeroElapsed;
    private long notFinal;
    private long rejectedTotal;
    private final List<ImportSummary.Rejection> rejectionsKept = new ArrayList<>();
    private GpuSeconds chargedGpuSeconds = GpuSeconds.ZERO;

    /** Counts a line's outcome when the reader alone decided it (ignored or rejected); a read record is left to the caller. */
    public void count(LineOutcome<?> outcome) {
        switch (outcome) {
            case LineOutcome.Ignored<?> ignored -> countIgnored(ignored.reason());
            case LineOutcome.Rejected<?> rejected -> countRejected(rejected.lineNumber(), rejected.reason());
            case LineOutcome.Read<?> read -> {
                // Decided later: uncharged by the charging rules, accepted or duplicate by the usage store.
            }
        }
    }

    public void countIgnored(IgnoredReason reason) {
        countIgnored(reason, 1);
    }

    private void countIgnored(IgnoredReason reason, long lines) {
        switch (reason) {
            case STEP -> steps += lines;
            case NOT_FINAL -> notFinal += lines;
            case ZERO_ELAPSED -> zeroElapsed += lines;
            case UNCHARGED_POOL -> uncharged += lines;
        }
    }

    /** A line refused after reading, e.g. by the usage store for a partition that is no pool. */
    public void countRejected(long lineNumber, String reason) {
        rejectedTotal++;
        if (rejectionsKept.size() < REJECTIONS_KEPT_MAX) {
            rejectionsKept.add(new ImportSummary.Rejection(lineNumber, reason));
        }
    }

    /** A record the usage store charged for the first time. */
    public void countAccepted(GpuSeconds charged) {
        if (charged.isNegative()) {
            throw new IllegalArgumentException("a charge is never negative, got " + charged);
        }
        accepted++;
        chargedGpuSeconds = chargedGpuSeconds.plus(charged);
    }

    /** A record the usage store already held with the same content. */
    public void countDuplicate() {
        duplicates++;
    }

    /**
     * What the command side decided for one batch: accepted, duplicates, ignored by the charging rules, and records
     * refused with their line.
     */
    public void count(UsageBatchOutcome batch) {
        accepted += batch.accepted();
        duplicates += batch.duplicates();
        batch.ignored().forEach(this::countIgnored);
        chargedGpuSeconds = chargedGpuSeconds.plus(batch.chargedGpuSeconds());
        batch.rejected().forEach(rejection -> countRejected(rejection.line(), rejection.reason()));
    }

    public ImportSummary summary() {
        // Lines are decided out of order (the reader at once, the usage store per batch): answer in line order.
        List<ImportSummary.Rejection> inLineOrder = new ArrayList<>(rejectionsKept);
        inLineOrder.sort(java.util.Comparator.comparingLong(ImportSummary.Rejection::line));
        return new ImportSummary(accepted, duplicates, new ImportSummary.Ignored(steps, uncharged, zeroElapsed, notFinal),
                inLineOrder, rejectedTotal, chargedGpuSeconds);
    }
}
