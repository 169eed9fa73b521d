package eu.gpuledger.ledger.limits;

import eu.gpuledger.ledger.identity.Identifiers;
import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.time.Instant;

/**
 * Every bound on what comes in, in one place. The quantities are chosen so that no sum the ledger computes can
 * overflow a long, over ten million allocations; the text lengths so that every value fits the columns of the
 * projections and every event stays far below Jackson's read limits. docs/bounds.md has the arithmetic: change a
 * number here only with it. Stored events are never checked against these bounds (they are forever); the edge
 * (server/web/Inputs, the import readers) and the command handlers check what comes in.
 */
public final class LedgerLimits {

    private LedgerLimits() {
    }

    // ------------------------------------------------------------------------------------ quantities of an allocation

    /** The most GPU-hours an allocation may hold in all: its grant, supplements and transfers in together. */
    public static final long ALLOCATION_GPU_HOURS_MAX = 10_000_000L;
    /** {@link #ALLOCATION_GPU_HOURS_MAX} in GPU-seconds: 3.6 × 10^10. */
    public static final long ALLOCATION_GPU_SECONDS_MAX = ALLOCATION_GPU_HOURS_MAX * GpuSeconds.SECONDS_PER_HOUR;
    /** The most an allocation may be charged in all: four times the largest allocation (the effective allocation
     * of the largest grant at the highest over-consumption allowance), 1.44 × 10^11 GPU-seconds. */
    public static final long ALLOCATION_CONSUMED_GPU_SECONDS_MAX = 4 * ALLOCATION_GPU_SECONDS_MAX;
    /** The over-consumption allowance above the grant, in percent (IDRIS 25, TGCC 25; reviewers may give more). */
    public static final int OVER_CONSUMPTION_PERCENT_MAX = 300;

    // ------------------------------------------------------------------------------------ one job

    /** GPUs charged to one job: beyond the largest GPU machine there is (JUPITER has about 24,000). */
    public static final int JOB_GPUS_MAX = 100_000;
    /** Nodes of one job. */
    public static final int JOB_NODES_MAX = 100_000;
    /** CPUs of one job. */
    public static final int JOB_CPUS_MAX = 10_000_000;
    /** Elapsed time of one job: 366 days, longer than any partition's time limit. */
    public static final long JOB_ELAPSED_SECONDS_MAX = 366L * 24 * 3600;
    /** The most one job can be charged: {@link #JOB_GPUS_MAX} × {@link #JOB_ELAPSED_SECONDS_MAX}, 3.16 × 10^12. */
    public static final long JOB_GPU_SECONDS_MAX = JOB_GPUS_MAX * JOB_ELAPSED_SECONDS_MAX;

    // ------------------------------------------------------------------------------------ imports

    /** The most lines (or JSON elements) one import request may carry, and the default. */
    public static final int IMPORT_LINES_MAX = 2_000_000;
    /** The longest line (or JSON element) an import may carry by default: 16 KiB. */
    public static final int IMPORT_LINE_CHARS_DEFAULT = 16 * 1024;
    /** The longest line (or JSON element) an import may be configured to take: 1 MiB. */
    public static final int IMPORT_LINE_CHARS_MAX = 1024 * 1024;

    // ------------------------------------------------------------------------------------ the catalogue

    public static final int GPUS_PER_NODE_MAX = 64;
    /** Nodes in one pool at most (the largest GPU machines have a few thousand). */
    public static final int POOL_NODES_MAX = 100_000;
    public static final int CPUS_PER_NODE_MAX = 4096;
    /** Normalised GPU-hours per GPU-hour, exclusive of 0. */
    public static final long NORMALISED_PER_GPU_HOUR_MAX = 1000;
    /** EUR per GPU-hour (an H100 hour costs a few euros). */
    public static final long EUR_PER_GPU_HOUR_MAX = 10_000;
    /** Decimal places of a factor or a price. */
    public static final int RATE_DECIMALS_MAX = 6;
    /** Decimal places of a quantity given in GPU-hours (more could not be a whole number of GPU-seconds anyway). */
    public static final int GPU_HOURS_DECIMALS_MAX = 4;
    /** Regulation 2021/1173 art. 17: the JU owns up to 50% of an AI-optimised system's time. */
    public static final int JU_SHARE_PERCENT_MAX = 50;
    public static final int PERCENT_DECIMALS_MAX = 2;

    // ------------------------------------------------------------------------------------ time

    /** The earliest instant the ledger takes: 2000-01-01T00:00:00Z. */
    public static final Instant INSTANT_MIN = Instant.parse("2000-01-01T00:00:00Z");
    /** The first instant the ledger no longer takes: 2100-01-01T00:00:00Z. */
    public static final Instant INSTANT_END = Instant.parse("2100-01-01T00:00:00Z");

    // ------------------------------------------------------------------------------------ text, in characters

    /** Client-chosen ids: {@link Identifiers#LENGTH_MAX}. */
    public static final int ID_CHARS_MAX = Identifiers.LENGTH_MAX;
    /** Why a movement was made: a paragraph. */
    public static final int REASON_CHARS_MAX = 1000;
    /** A project's title. */
    public static final int TITLE_CHARS_MAX = 500;
    /** A provider's name, a principal investigator, an organisation. */
    public static final int NAME_CHARS_MAX = 200;
    /** Short labels: sector, GPU model, partition, Slurm user, job id, time zone. */
    public static final int LABEL_CHARS_MAX = 100;
    /** The most of a refused value a problem's detail shows. */
    public static final int SHOWN_CHARS_MAX = 100;

    /** Whether an instant lies in [{@link #INSTANT_MIN}, {@link #INSTANT_END}). */
    public static boolean withinTime(Instant instant) {
        return !instant.isBefore(INSTANT_MIN) && instant.isBefore(INSTANT_END);
    }

    /** A refused value as a problem shows it: at most {@link #SHOWN_CHARS_MAX} characters, then an ellipsis. */
    public static String shown(String value) {
        if (value == null || value.length() <= SHOWN_CHARS_MAX) {
            return value;
        }
        return value.substring(0, SHOWN_CHARS_MAX) + "… (" + value.length() + " characters)";
    }
}
