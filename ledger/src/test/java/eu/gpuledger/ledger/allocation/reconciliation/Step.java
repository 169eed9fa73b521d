package eu.gpuledger.ledger.allocation.reconciliation;

import java.util.List;

/**
 * One step of a random sequence, in small numbers that the runner resolves against the state it reached:
 * {@code allocation} is an index into the scenario's allocations, ids are indexes into a few client-chosen ids
 * (so that ids are reused, with the same content or another).
 */
sealed interface Step {

    /** How one allocation is granted at the start of a sequence. */
    record Grant(long gpuSeconds, int periodDays, int marginPercent) {
    }

    record Regrant(int allocation, boolean sameContent) implements Step {
    }

    record Supplement(int allocation, int id, long gpuSeconds) implements Step {
    }

    /** A batch of jobs that ended {@code secondsAgo} before the clock, each of {@code gpuSeconds}. */
    record Consume(int allocation, List<Long> gpuSeconds, List<Long> secondsAgo) implements Step {
    }

    /** Refund a job the allocation was charged (picked by {@code job}), or an unknown one when it has none. */
    record Refund(int allocation, int id, int job, Long gpuSeconds) implements Step {
    }

    record Warn(int allocation, int id) implements Step {
    }

    record ClawBack(int allocation, int id, long gpuSeconds) implements Step {
    }

    record Suspend(int allocation) implements Step {
    }

    record Resume(int allocation) implements Step {
    }

    record Expire(int allocation) implements Step {
    }

    /** Move {@code gpuSeconds} from {@code from} to {@code to}, converted: both sides booked, or neither. */
    record Transfer(int from, int to, long gpuSeconds) implements Step {
    }

    record Advance(int days) implements Step {
    }
}
