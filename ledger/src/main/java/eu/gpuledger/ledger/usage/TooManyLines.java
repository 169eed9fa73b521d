package eu.gpuledger.ledger.usage;

/**
 * An import carries more lines (JSON elements) than {@link ImportLimits#linesMax()}: reading stops before the first
 * line past the limit. What came before is booked; the import's answer says so (HTTP 413).
 *
 * @param lastLineRead the last line read and judged (for delimited input the header is line 1)
 */
public final class TooManyLines extends RuntimeException {

    private final int linesMax;
    private final long lastLineRead;

    public TooManyLines(int linesMax, long lastLineRead) {
        super("more than " + linesMax + " lines in one import", null, false, false);
        this.linesMax = linesMax;
        this.lastLineRead = lastLineRead;
    }

    public int linesMax() {
        return linesMax;
    }

    public long lastLineRead() {
        return lastLineRead;
    }
}
