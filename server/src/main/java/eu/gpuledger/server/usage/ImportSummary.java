package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.UsageBatchOutcome;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to an import (API.md): counts, the rejected lines (a capped list and the total) and the GPU-seconds
 * charged. Built incrementally while the input streams.
 */
public final class ImportSummary {

    public static final int REJECTED_LISTED_MAX = 1000;

    private long accepted;
    private long duplicates;
    private long steps;
    private long uncharged;
    private long zeroElapsed;
    private long notFinal;
    private long rejectedTotal;
    private long chargedGpuSeconds;
    private final List<Rejected> rejected = new ArrayList<>();

    public record Rejected(long line, String reason) {
    }

    public record Ignored(long steps, long uncharged, long zeroElapsed, long notFinal) {
    }

    /** The JSON shape of the answer. */
    public record Answer(long accepted, long duplicates, Ignored ignored, List<Rejected> rejected, long rejectedTotal,
                         long chargedGpuSeconds, BigDecimal chargedGpuHours) {
    }

    public void step() {
        steps++;
    }

    public void uncharged() {
        uncharged++;
    }

    public void zeroElapsed() {
        zeroElapsed++;
    }

    public void notFinal() {
        notFinal++;
    }

    public void reject(long line, String reason) {
        rejectedTotal++;
        if (rejected.size() < REJECTED_LISTED_MAX) {
            rejected.add(new Rejected(line, reason));
        }
    }

    public void add(UsageBatchOutcome outcome) {
        accepted += outcome.accepted();
        duplicates += outcome.duplicates();
        chargedGpuSeconds += outcome.chargedGpuSeconds().value();
        outcome.rejected().forEach(rejection -> reject(rejection.line(), rejection.reason()));
    }

    public long linesDone() {
        return accepted + duplicates + steps + uncharged + zeroElapsed + notFinal + rejectedTotal;
    }

    public Answer answer() {
        return new Answer(accepted, duplicates, new Ignored(steps, uncharged, zeroElapsed, notFinal),
                List.copyOf(rejected), rejectedTotal, chargedGpuSeconds,
                GpuSeconds.of(chargedGpuSeconds).hoursForDisplay());
    }
}
