package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.usage.ImportSummary;

/**
 * An import carried more lines (JSON elements) than {@code ledger.limits.import-lines}. Reading stopped at the
 * limit; what was read before it was booked, and this says what (HTTP 413, with the import's answer as the
 * problem's members): sending the rest, or the whole file again in parts, books each job once.
 *
 * @param unit "lines" or "elements"
 */
public final class ImportTooLarge extends RuntimeException {

    private final transient ImportSummary booked;
    private final long linesMax;
    private final long lastRead;

    public ImportTooLarge(ImportSummary booked, long linesMax, long lastRead, String unit) {
        super("the import carries more than " + linesMax + " " + unit + " (ledger.limits.import-lines): "
                + unit + " up to " + lastRead + " were read and booked as this answer states, nothing after; send"
                + " the rest in another request (jobs already booked count as duplicates)", null, false, false);
        this.booked = booked;
        this.linesMax = linesMax;
        this.lastRead = lastRead;
    }

    public ImportSummary booked() {
        return booked;
    }

    public long linesMax() {
        return linesMax;
    }

    public long lastRead() {
        return lastRead;
    }
}
