package eu.gpuledger.ledger.usage.csv;

import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.identity.InvalidIdentifierException;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.usage.DelimitedInput;
import eu.gpuledger.ledger.usage.ImportLimits;
import eu.gpuledger.ledger.usage.IgnoredReason;
import eu.gpuledger.ledger.usage.LineOutcome;
import eu.gpuledger.ledger.usage.LineRejection;
import eu.gpuledger.ledger.usage.UsageLineReader;
import eu.gpuledger.ledger.usage.UsageRecordId;

import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Streams a private provider's usage CSV, billed per minute (docs/usage-csv-format.md): a header line, then one
 * record a line, comma-separated, no quoting. Columns may come in any order; extra columns are allowed.
 * Each line becomes one {@link LineOutcome}: a record with 0 billed minutes is ignored as zero elapsed; an
 * unreadable one is rejected with a reason naming the column.
 */
public final class BilledUsageReader extends UsageLineReader<BilledUsage> {

    public static final String FORMAT = "usage CSV";
    public static final List<String> REQUIRED_COLUMNS = List.of("recordId", "providerId", "account", "pool", "user",
            "gpus", "start", "end", "billedMinutes");
    public static final String CLUSTER_COLUMN = "cluster";
    public static final String JOB_ID_COLUMN = "jobId";
    /** A bound on each id cache (providers, pools, accounts, clusters are few); past it, no more caching. */
    private static final int IDS_CACHED_MAX = 100_000;
    private static final int GPU_COUNT_DIGITS_MAX = 6;
    private static final long BILLED_MINUTES_MAX = LedgerLimits.JOB_ELAPSED_SECONDS_MAX / BilledUsage.SECONDS_PER_MINUTE;

    private final Map<String, ProviderId> providers = new HashMap<>();
    private final Map<String, PoolId> pools = new HashMap<>();
    private final Map<String, SchedulerAccount> accounts = new HashMap<>();
    private final Map<String, ClusterName> clusters = new HashMap<>();
    private final int recordIdColumn;
    private final int providerIdColumn;
    private final int clusterColumn;
    private final int accountColumn;
    private final int poolColumn;
    private final int userColumn;
    private final int jobIdColumn;
    private final int gpusColumn;
    private final int startColumn;
    private final int endColumn;
    private final int billedMinutesColumn;

    private BilledUsageReader(DelimitedInput input) {
        super(input);
        this.recordIdColumn = input.column("recordId");
        this.providerIdColumn = input.column("providerId");
        this.clusterColumn = input.column(CLUSTER_COLUMN);
        this.accountColumn = input.column("account");
        this.poolColumn = input.column("pool");
        this.userColumn = input.column("user");
        this.jobIdColumn = input.column(JOB_ID_COLUMN);
        this.gpusColumn = input.column("gpus");
        this.startColumn = input.column("start");
        this.endColumn = input.column("end");
        this.billedMinutesColumn = input.column("billedMinutes");
    }

    /**
     * Reads the header line and returns a reader positioned before the first record.
     *
     * @throws eu.gpuledger.ledger.usage.MissingRequiredColumn naming the first required column the header lacks
     * @throws eu.gpuledger.ledger.usage.UnreadableHeader      when the input is empty or names a column twice
     */
    public static BilledUsageReader open(Reader csv) {
        return open(csv, ImportLimits.DEFAULT);
    }

    /** As above, within {@code limits} (lines, line length). */
    public static BilledUsageReader open(Reader csv, ImportLimits limits) {
        return new BilledUsageReader(new DelimitedInput(csv, ',', FORMAT, REQUIRED_COLUMNS, limits));
    }

    @Override
    protected LineOutcome<BilledUsage> classify() {
        long lineNumber = input.lineNumber();
        if (input.line().indexOf('"') >= 0) {
            throw new LineRejection("the line holds a '\"': quoted fields are not part of the format");
        }
        String recordIdText = required(recordIdColumn, "recordId");
        long billedMinutes = input.fieldAsWholeNumber(billedMinutesColumn);
        if (billedMinutes < 0) {
            throw new LineRejection("billedMinutes '" + input.field(billedMinutesColumn)
                    + "' is not a whole number of minutes");
        }
        if (billedMinutes == 0) {
            return new LineOutcome.Ignored<>(lineNumber, IgnoredReason.ZERO_ELAPSED, recordIdText);
        }
        if (billedMinutes > BILLED_MINUTES_MAX) {
            throw new LineRejection("billedMinutes " + billedMinutes + " is more than the longest job the ledger takes, "
                    + BILLED_MINUTES_MAX + " minutes (366 days)");
        }
        UsageRecordId recordId = identifier(recordIdText, "recordId", UsageRecordId::parse);
        ProviderId providerId = cached(providers, required(providerIdColumn, "providerId"), "providerId",
                ProviderId::parse);
        ClusterName cluster = clusterColumn < 0 || input.fieldIsEmpty(clusterColumn) ? null
                : cached(clusters, input.field(clusterColumn), CLUSTER_COLUMN, ClusterName::parse);
        SchedulerAccount account = cached(accounts, required(accountColumn, "account"), "account",
                SchedulerAccount::parse);
        PoolId pool = cached(pools, required(poolColumn, "pool"), "pool", PoolId::parse);
        String user = label(required(userColumn, "user"), "user");
        String jobId = jobIdColumn < 0 || input.fieldIsEmpty(jobIdColumn) ? null
                : label(input.field(jobIdColumn), JOB_ID_COLUMN);
        int gpus = gpus();
        Instant start = instant(startColumn, "start");
        Instant end = instant(endColumn, "end");
        if (end.isBefore(start)) {
            throw new LineRejection("end '" + end + "' is before start '" + start + "'");
        }
        long startedMinutes = startedMinutes(start, end);
        if (billedMinutes > startedMinutes) {
            throw new LineRejection("billedMinutes " + billedMinutes + " is more than the " + startedMinutes
                    + " minutes started between start and end (seconds given as minutes?)");
        }
        BilledUsage usage = new BilledUsage(recordId, providerId, cluster, account, pool, user, jobId, gpus, start,
                end, billedMinutes);
        try {
            usage.gpuSeconds();
        } catch (ArithmeticException overflow) {
            throw new LineRejection("gpus " + gpus + " × billedMinutes " + billedMinutes
                    + " exceeds the GPU-seconds the ledger can hold");
        }
        return new LineOutcome.Read<>(lineNumber, usage);
    }

    /** Minutes started between start and end: billing per minute bills each started minute at most once. */
    static long startedMinutes(Instant start, Instant end) {
        long seconds = Duration.between(start, end).toSeconds();
        boolean partialSecond = Duration.between(start, end).toNanosPart() > 0;
        long wholeSeconds = partialSecond ? seconds + 1 : seconds;
        return (wholeSeconds + BilledUsage.SECONDS_PER_MINUTE - 1) / BilledUsage.SECONDS_PER_MINUTE;
    }

    private int gpus() {
        long gpus = input.fieldAsWholeNumber(gpusColumn);
        if (gpus < 0 || input.fieldEnd(gpusColumn) - input.fieldStart(gpusColumn) > GPU_COUNT_DIGITS_MAX) {
            throw new LineRejection("gpus '" + input.field(gpusColumn) + "' is not a whole number of GPUs");
        }
        if (gpus == 0) {
            throw new LineRejection("gpus is 0: a record bills at least 1 GPU");
        }
        if (gpus > LedgerLimits.JOB_GPUS_MAX) {
            throw new LineRejection("gpus " + gpus + " is more than " + LedgerLimits.JOB_GPUS_MAX + " GPUs for one job");
        }
        return (int) gpus;
    }

    private Instant instant(int column, String name) {
        String text = required(column, name);
        if (text.charAt(text.length() - 1) != 'Z') {
            throw new LineRejection(name + " '" + text + "' is not a UTC instant such as 2026-10-01T00:00:00Z");
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            throw new LineRejection(name + " '" + text + "' is not a UTC instant such as 2026-10-01T00:00:00Z");
        }
        if (!LedgerLimits.withinTime(instant)) {
            throw new LineRejection(name + " " + instant + " is not in [" + LedgerLimits.INSTANT_MIN + ", "
                    + LedgerLimits.INSTANT_END + ")");
        }
        return instant;
    }

    private static String label(String text, String name) {
        if (text.length() > LedgerLimits.LABEL_CHARS_MAX) {
            throw new LineRejection(name + " is longer than " + LedgerLimits.LABEL_CHARS_MAX + " characters");
        }
        return text;
    }

    private String required(int column, String name) {
        if (input.fieldIsEmpty(column)) {
            throw new LineRejection(name + " is empty");
        }
        return input.field(column);
    }

    private static <T> T cached(Map<String, T> cache, String text, String name, BiFunction<String, String, T> parse) {
        T known = cache.get(text);
        if (known != null) {
            return known;
        }
        T parsed = identifier(text, name, parse);
        if (cache.size() < IDS_CACHED_MAX) {
            cache.put(text, parsed);
        }
        return parsed;
    }

    private static <T> T identifier(String text, String name, BiFunction<String, String, T> parse) {
        try {
            return parse.apply(text, name);
        } catch (InvalidIdentifierException invalid) {
            throw new LineRejection(name + " '" + text + "' is not a valid identifier: " + invalid.getMessage());
        }
    }
}
