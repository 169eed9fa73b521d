package eu.gpuledger.ledger.usage;

/**
 * What one input line of a usage import turned out to be. Readers yield exactly one outcome per non-blank data
 * line, in input order, so an import can be counted and answered line by line without holding the file.
 *
 * @param <R> the record a readable line carries (a Slurm job, a billed usage record)
 */
public sealed interface LineOutcome<R> permits LineOutcome.Read, LineOutcome.Ignored, LineOutcome.Rejected {

    /** 1-based line number in the input; the header is line 1. */
    long lineNumber();

    /** A well-formed, final record that may cost GPU-seconds; the charging rules and the usage store decide. */
    record Read<R>(long lineNumber, R record) implements LineOutcome<R> {
    }

    /**
     * A well-formed line that is never charged, for a reason the import answer counts.
     *
     * @param jobId the job (or record) id the line named, for logs
     */
    record Ignored<R>(long lineNumber, IgnoredReason reason, String jobId) implements LineOutcome<R> {
    }

    /**
     * A line that cannot be read. The reason names the offending field (column) and its value.
     */
    record Rejected<R>(long lineNumber, String reason) implements LineOutcome<R> {

        /** For people and logs: {@code line 17: ElapsedRaw 'abc' is not a whole number of seconds}. */
        public String describe() {
            return "line " + lineNumber + ": " + reason;
        }
    }
}
