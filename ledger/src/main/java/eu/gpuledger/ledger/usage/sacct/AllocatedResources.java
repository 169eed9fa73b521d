package eu.gpuledger.ledger.usage.sacct;

import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.usage.LineRejection;

/**
 * What a job was allocated, from sacct's {@code AllocTRES}, e.g.
 * {@code billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=4000M,node=1}.
 * <p>
 * GPUs: Slurm lists the untyped total ({@code gres/gpu=2}) and, when {@code AccountingStorageTRES} names types,
 * one entry per type ({@code gres/gpu:h100=2}) for the same GPUs. The untyped total is taken when present, else
 * the sum of the typed entries; adding both would double count. Keys that merely start with {@code gres/gpu}
 * (such as {@code gres/gpumem}) are not GPUs.
 *
 * @param gpus  GPUs allocated, 0 for a job that asked none
 * @param cpus  CPUs allocated (cores or threads, as the cluster counts them), at least 1
 * @param nodes nodes allocated, at least 1
 */
public record AllocatedResources(int gpus, int cpus, int nodes) {

    public static final String COLUMN = "AllocTRES";
    private static final String UNTYPED_GPU = "gres/gpu";
    private static final String TYPED_GPU_PREFIX = "gres/gpu:";

    public AllocatedResources {
        if (gpus < 0) {
            throw new IllegalArgumentException("gpus must not be negative, got " + gpus);
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
        }
    }

    /**
     * Parses the part {@code [start, end)} of {@code line} that holds an AllocTRES field.
     *
     * @throws LineRejection naming AllocTRES when an entry is malformed or cpu= or node= is missing
     */
    static AllocatedResources parse(String line, int start, int end) {
        if (start == end) {
            throw new LineRejection(COLUMN + " is empty on a job that ran: its CPUs, nodes and GPUs are unknown");
        }
        int untypedGpus = -1;
        long typedGpus = 0;
        int cpus = -1;
        int nodes = -1;
        int entryStart = start;
        while (entryStart < end) {
            int entryEnd = line.indexOf(',', entryStart);
            if (entryEnd < 0 || entryEnd > end) {
                entryEnd = end;
            }
            int equals = line.indexOf('=', entryStart);
            if (equals < 0 || equals >= entryEnd) {
                throw rejection(line, start, end, "entry '" + line.substring(entryStart, entryEnd) + "' has no '='");
            }
            if (isKey(line, entryStart, equals, "cpu")) {
                cpus = count(line, equals + 1, entryEnd, "cpu", start, end);
            } else if (isKey(line, entryStart, equals, "node")) {
                nodes = count(line, equals + 1, entryEnd, "node", start, end);
            } else if (isKey(line, entryStart, equals, UNTYPED_GPU)) {
                untypedGpus = count(line, equals + 1, entryEnd, UNTYPED_GPU, start, end);
            } else if (equals - entryStart > TYPED_GPU_PREFIX.length()
                    && line.startsWith(TYPED_GPU_PREFIX, entryStart)) {
                typedGpus += count(line, equals + 1, entryEnd, line.substring(entryStart, equals), start, end);
            }
            entryStart = entryEnd + 1;
        }
        if (cpus < 1) {
            throw rejection(line, start, end, "has no cpu= entry (or cpu=0)");
        }
        if (nodes < 1) {
            throw rejection(line, start, end, "has no node= entry (or node=0)");
        }
        if (typedGpus > LedgerLimits.JOB_GPUS_MAX) {
            throw rejection(line, start, end, "counts more than " + LedgerLimits.JOB_GPUS_MAX + " GPUs for one job");
        }
        int gpus = untypedGpus >= 0 ? untypedGpus : (int) typedGpus;
        if (gpus > LedgerLimits.JOB_GPUS_MAX) {
            throw rejection(line, start, end, "counts more than " + LedgerLimits.JOB_GPUS_MAX + " GPUs for one job");
        }
        if (cpus > LedgerLimits.JOB_CPUS_MAX) {
            throw rejection(line, start, end, "counts more than " + LedgerLimits.JOB_CPUS_MAX + " CPUs for one job");
        }
        if (nodes > LedgerLimits.JOB_NODES_MAX) {
            throw rejection(line, start, end, "counts more than " + LedgerLimits.JOB_NODES_MAX + " nodes for one job");
        }
        return new AllocatedResources(gpus, cpus, nodes);
    }

    private static boolean isKey(String line, int keyStart, int equals, String key) {
        return equals - keyStart == key.length() && line.startsWith(key, keyStart);
    }

    /** A TRES count: a whole number of at most 9 digits (no suffix: only mem= carries units). */
    private static int count(String line, int valueStart, int valueEnd, String key, int fieldStart, int fieldEnd) {
        if (valueStart == valueEnd || valueEnd - valueStart > 9) {
            throw rejection(line, fieldStart, fieldEnd, key + " count '" + line.substring(valueStart, valueEnd)
                    + "' is not a whole number");
        }
        int value = 0;
        for (int at = valueStart; at < valueEnd; at++) {
            char digit = line.charAt(at);
            if (digit < '0' || digit > '9') {
                throw rejection(line, fieldStart, fieldEnd, key + " count '" + line.substring(valueStart, valueEnd)
                        + "' is not a whole number");
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    private static LineRejection rejection(String line, int start, int end, String problem) {
        return new LineRejection(COLUMN + " '" + line.substring(start, end) + "' " + problem);
    }
}
