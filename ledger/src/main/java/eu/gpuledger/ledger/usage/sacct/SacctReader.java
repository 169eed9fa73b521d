package eu.gpuledger.ledger.usage.sacct;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.identity.InvalidIdentifierException;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.usage.DelimitedInput;
import eu.gpuledger.ledger.usage.ImportLimits;
import eu.gpuledger.ledger.usage.IgnoredReason;
import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.LineRejection;
import eu.gpuledger.ledger.usage.UsageLineReader;

import java.io.Reader;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams {@code sacct --parsable2} output (Slurm 22.05): a header line, then one record a line, fields
 * separated by {@code |}. Columns may come in any order and extra columns are allowed; the
 * {@link #REQUIRED_COLUMNS} must be there. Each line becomes one {@link LineOutcome}, in this order of checks:
 * <ol>
 * <li>a step record (JobID with a {@code .} suffix: {@code .batch}, {@code .extern}, {@code .0}) is ignored
 * as a step, whatever its other fields;</li>
 * <li>a job whose State is not final (pending, running, suspended, requeued...) is ignored as not final;</li>
 * <li>a job with ElapsedRaw 0 never started and is ignored as zero elapsed;</li>
 * <li>anything else must be complete and readable, or the line is rejected with a reason naming the field.</li>
 * </ol>
 * An array task ({@code 123_4}) is a job of its own; JobIDRaw is the unique key.
 * <p>
 * Fast path: fields are located by offset and only the needed ones become Strings; ElapsedRaw, AllocTRES and the
 * times are parsed in place, without regular expressions.
 */
public final class SacctReader extends UsageLineReader<SacctJob> {

    public static final String FORMAT = "sacct --parsable2";
    public static final List<String> REQUIRED_COLUMNS = List.of("JobID", "JobIDRaw", "Account", "User", "Partition",
            "AllocTRES", "ElapsedRaw", "Start", "End", "State");
    /** A bound on the account cache: a cluster has a few thousand accounts at most; past it, no more caching. */
    private static final int ACCOUNTS_CACHED_MAX = 100_000;

    private final ClusterName cluster;
    private final ClusterLocalTime localTime;
    private final Map<String, SchedulerAccount> accounts = new HashMap<>();
    private final int jobIdColumn;
    private final int jobIdRawColumn;
    private final int accountColumn;
    private final int userColumn;
    private final int partitionColumn;
    private final int allocatedColumn;
    private final int elapsedColumn;
    private final int startColumn;
    private final int endColumn;
    private final int stateColumn;

    private SacctReader(DelimitedInput input, ClusterName cluster, ZoneId zone) {
        super(input);
        this.cluster = cluster;
        this.localTime = new ClusterLocalTime(zone);
        this.jobIdColumn = input.column("JobID");
        this.jobIdRawColumn = input.column("JobIDRaw");
        this.accountColumn = input.column("Account");
        this.userColumn = input.column("User");
        this.partitionColumn = input.column("Partition");
        this.allocatedColumn = input.column("AllocTRES");
        this.elapsedColumn = input.column("ElapsedRaw");
        this.startColumn = input.column("Start");
        this.endColumn = input.column("End");
        this.stateColumn = input.column("State");
    }

    /**
     * Reads the header line and returns a reader positioned before the first record.
     *
     * @param zone the cluster's time zone: sacct prints Start and End in it, without an offset
     * @throws eu.gpuledger.ledger.usage.MissingRequiredColumn naming the first required column the header lacks
     * @throws eu.gpuledger.ledger.usage.UnreadableHeader      when the input is empty or names a column twice
     */
    public static SacctReader open(Reader sacctOutput, ClusterName cluster, ZoneId zone) {
        return open(sacctOutput, cluster, zone, ImportLimits.DEFAULT);
    }

    /** As above, within {@code limits} (lines, line length). */
    public static SacctReader open(Reader sacctOutput, ClusterName cluster, ZoneId zone, ImportLimits limits) {
        return new SacctReader(new DelimitedInput(sacctOutput, '|', FORMAT, REQUIRED_COLUMNS, limits), cluster, zone);
    }

    @Override
    protected LineOutcome<SacctJob> classify() {
        long lineNumber = input.lineNumber();
        if (input.fieldIsEmpty(jobIdColumn)) {
            throw new LineRejection("JobID is empty");
        }
        if (input.fieldEnd(jobIdColumn) - input.fieldStart(jobIdColumn) > LedgerLimits.LABEL_CHARS_MAX) {
            throw new LineRejection("JobID is longer than " + LedgerLimits.LABEL_CHARS_MAX + " characters");
        }
        if (input.fieldContains(jobIdColumn, '.')) {
            return new LineOutcome.Ignored<>(lineNumber, IgnoredReason.STEP, input.field(jobIdColumn));
        }
        String jobId = input.field(jobIdColumn);
        String stateText = input.field(stateColumn);
        SlurmJobState state = SlurmJobState.fromSacct(stateText);
        if (state == null) {
            throw new LineRejection("State '" + stateText + "' is not a Slurm job state");
        }
        if (!state.isFinal()) {
            return new LineOutcome.Ignored<>(lineNumber, IgnoredReason.NOT_FINAL, jobId);
        }
        long elapsedSeconds = input.fieldAsWholeNumber(elapsedColumn);
        if (elapsedSeconds < 0) {
            throw new LineRejection("ElapsedRaw '" + input.field(elapsedColumn)
                    + "' is not a whole number of seconds");
        }
        if (elapsedSeconds == 0) {
            return new LineOutcome.Ignored<>(lineNumber, IgnoredReason.ZERO_ELAPSED, jobId);
        }
        if (elapsedSeconds > LedgerLimits.JOB_ELAPSED_SECONDS_MAX) {
            throw new LineRejection("ElapsedRaw " + elapsedSeconds + " is more than the longest job the ledger takes, "
                    + LedgerLimits.JOB_ELAPSED_SECONDS_MAX + " seconds (366 days)");
        }
        String jobIdRaw = jobIdRaw();
        SchedulerAccount account = account();
        String user = requireLabel(userColumn, "User");
        String partition = requireLabel(partitionColumn, "Partition");
        if (partition.indexOf(',') >= 0) {
            throw new LineRejection("Partition '" + partition + "' names several partitions; a job that ran has one");
        }
        AllocatedResources allocated = AllocatedResources.parse(input.line(),
                input.fieldStart(allocatedColumn), input.fieldEnd(allocatedColumn));
        ClusterLocalTime.JobInterval interval = localTime.interval(input.field(startColumn),
                input.field(endColumn), elapsedSeconds);
        if (!LedgerLimits.withinTime(interval.end())
                || interval.start() != null && !LedgerLimits.withinTime(interval.start())) {
            throw new LineRejection("Start and End must lie in [" + LedgerLimits.INSTANT_MIN + ", "
                    + LedgerLimits.INSTANT_END + "), got " + interval.start() + " and " + interval.end());
        }
        return new LineOutcome.Read<>(lineNumber, new SacctJob(cluster, jobId, jobIdRaw, account, user, partition,
                allocated, elapsedSeconds, interval.start(), interval.end(), state));
    }

    /** JobIDRaw of a main record is the job number, digits only (steps were set aside before). */
    private String jobIdRaw() {
        if (input.fieldAsWholeNumber(jobIdRawColumn) < 0) {
            throw new LineRejection("JobIDRaw '" + input.field(jobIdRawColumn) + "' is not a Slurm job number");
        }
        return input.field(jobIdRawColumn);
    }

    private SchedulerAccount account() {
        String name = requireNotEmpty(accountColumn, "Account");
        SchedulerAccount account = accounts.get(name);
        if (account != null) {
            return account;
        }
        try {
            account = SchedulerAccount.parse(name, "Account");
        } catch (InvalidIdentifierException invalid) {
            throw new LineRejection("Account '" + name + "' is not a valid scheduler account: " + invalid.getMessage());
        }
        if (accounts.size() < ACCOUNTS_CACHED_MAX) {
            accounts.put(name, account);
        }
        return account;
    }

    /** A short label (User, Partition): not empty, at most {@link LedgerLimits#LABEL_CHARS_MAX} characters. */
    private String requireLabel(int column, String name) {
        if (input.fieldEnd(column) - input.fieldStart(column) > LedgerLimits.LABEL_CHARS_MAX) {
            throw new LineRejection(name + " is longer than " + LedgerLimits.LABEL_CHARS_MAX + " characters");
        }
        return requireNotEmpty(column, name);
    }

    private String requireNotEmpty(int column, String name) {
        if (input.fieldIsEmpty(column)) {
            throw new LineRejection(name + " is empty on a job that ran");
        }
        return input.field(column);
    }
}
