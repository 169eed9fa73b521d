package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.util.List;

/**
 * The answer to a usage import (API.md, Usage): how many records were charged, were already known, were set aside
 * and why, or could not be read.
 *
 * @param rejected        the first {@link ImportTally#REJECTIONS_KEPT_MAX} rejected lines, in input order
 * @param rejectedTotal   every rejected line, including those not kept in {@code rejected}
 * @param chargedGpuSeconds the sum of the accepted records' charges
 */
public record ImportSummary(long accepted, long duplicates, Ignored ignored, List<Rejection> rejected,
                            long rejectedTotal, GpuSeconds chargedGpuSeconds) {

    public ImportSummary {
        rejected = List.copyOf(rejected);
    }

    /** Well-formed lines that cost nothing, by reason. */
    public record Ignored(long steps, long uncharged, long zeroElapsed, long notFinal) {
    }

    /** One line that could not be read, with a reason naming the field. */
    public record Rejection(long line, String reason) {
    }

    /** Whether some rejected lines are counted in {@link #rejectedTotal()} but not listed. */
    public boolean rejectionsTruncated() {
        return rejectedTotal > rejected.size();
    }
}
