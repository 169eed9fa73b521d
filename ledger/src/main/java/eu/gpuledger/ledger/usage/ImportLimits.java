package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.limits.LedgerLimits;

/**
 * How much one import request may carry: lines (JSON elements) after the header, and characters a line (UTF-8
 * bytes a JSON element). Configurable downwards only: {@link LedgerLimits#IMPORT_LINES_MAX} lines of jobs of at
 * most {@link LedgerLimits#JOB_GPU_SECONDS_MAX} each is what an import's charged total can hold (docs/bounds.md).
 */
public record ImportLimits(int linesMax, int lineCharsMax) {

    /** The line of a record needs room for its fields; below this, no sacct line fits. */
    public static final int LINE_CHARS_MIN = 256;
    public static final ImportLimits DEFAULT = new ImportLimits(LedgerLimits.IMPORT_LINES_MAX,
            LedgerLimits.IMPORT_LINE_CHARS_DEFAULT);

    public ImportLimits {
        if (linesMax < 1 || linesMax > LedgerLimits.IMPORT_LINES_MAX) {
            throw new IllegalArgumentException("ledger.limits.import-lines must be in [1, "
                    + LedgerLimits.IMPORT_LINES_MAX + "], got " + linesMax);
        }
        if (lineCharsMax < LINE_CHARS_MIN || lineCharsMax > LedgerLimits.IMPORT_LINE_CHARS_MAX) {
            throw new IllegalArgumentException("ledger.limits.import-line-chars must be in [" + LINE_CHARS_MIN + ", "
                    + LedgerLimits.IMPORT_LINE_CHARS_MAX + "], got " + lineCharsMax);
        }
    }
}
