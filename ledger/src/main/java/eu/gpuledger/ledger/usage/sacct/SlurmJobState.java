package eu.gpuledger.ledger.usage.sacct;

import java.util.HashMap;
import java.util.Map;

/**
 * The job states Slurm 22.05 accounting prints (sacct {@code State}), and whether each is final. Only a final
 * record is charged: a job still pending, running, suspended, requeued or being resized will be printed again
 * with its final state, and charging it now would charge a partial elapsed time under the same JobIDRaw.
 */
public enum SlurmJobState {
    // Final: the job will not run again under this record. Charged when it ran (elapsed > 0), whatever the state.
    COMPLETED(true),
    FAILED(true),
    CANCELLED(true),
    TIMEOUT(true),
    NODE_FAIL(true),
    OUT_OF_MEMORY(true),
    PREEMPTED(true),
    BOOT_FAIL(true),
    DEADLINE(true),
    /** A federated sibling that was revoked because another cluster ran the job; final here. */
    REVOKED(true),

    // Not final: the same job will appear again.
    PENDING(false),
    RUNNING(false),
    SUSPENDED(false),
    REQUEUED(false),
    REQUEUE_FED(false),
    REQUEUE_HOLD(false),
    RESIZING(false),
    SPECIAL_EXIT(false),
    STOPPED(false),
    SIGNALING(false),
    STAGE_OUT(false),
    CONFIGURING(false),
    COMPLETING(false);

    private static final Map<String, SlurmJobState> BY_NAME = new HashMap<>();

    static {
        for (SlurmJobState state : values()) {
            BY_NAME.put(state.name(), state);
        }
    }

    private final boolean isFinal;

    SlurmJobState(boolean isFinal) {
        this.isFinal = isFinal;
    }

    public boolean isFinal() {
        return isFinal;
    }

    /**
     * Reads sacct's State field, which may carry a suffix: {@code CANCELLED by 0} (who cancelled it) or a
     * {@code +} when sacct truncated the word for a fixed-width column.
     *
     * @return the state, or null when the text names no Slurm job state
     */
    public static SlurmJobState fromSacct(String text) {
        int end = text.indexOf(' ');
        if (end < 0) {
            end = text.length();
        }
        if (end > 0 && text.charAt(end - 1) == '+') {
            end--;
        }
        return BY_NAME.get(end == text.length() ? text : text.substring(0, end));
    }
}
