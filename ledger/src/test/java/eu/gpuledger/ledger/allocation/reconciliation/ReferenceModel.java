package eu.gpuledger.ledger.allocation.reconciliation;

import eu.gpuledger.ledger.allocation.AllocationClosed;
import eu.gpuledger.ledger.allocation.ChargeOutsidePeriod;
import eu.gpuledger.ledger.allocation.ClawbackBelowConsumption;
import eu.gpuledger.ledger.allocation.ClawbackWithoutWarning;
import eu.gpuledger.ledger.allocation.NotUnderConsuming;
import eu.gpuledger.ledger.allocation.OverdraftRefused;
import eu.gpuledger.ledger.allocation.PeriodNotEnded;
import eu.gpuledger.ledger.allocation.RefundExceedsCharge;
import eu.gpuledger.ledger.allocation.RefundExceedsConsumption;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.allocation.UsageThreshold;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An independent model of one allocation, written from DOMAIN.md and API.md in plain longs, without the
 * aggregate's code: it says what each command should do (change the books, change nothing, or be refused with
 * which rule) and keeps the buckets the ledger should show.
 */
final class ReferenceModel {

    /** What the model expects of a command. */
    record Verdict(boolean changes, Class<? extends RuntimeException> refusal,
                   Set<UsageThreshold> crossings) {
        static Verdict refused(Class<? extends RuntimeException> refusal) {
            return new Verdict(false, refusal, Set.of());
        }

        static final Verdict NO_CHANGE = new Verdict(false, null, Set.of());
        static final Verdict CHANGE = new Verdict(true, null, Set.of());
    }

    private record Refund(String recordId, long amount, Instant effectiveAt) {
    }

    private record Debit(String toAllocation, long amount) {
    }

    private static final Duration CLAWBACK_NOTICE = Duration.ofDays(30);

    private final String allocationId;
    private final long grantedSeconds;
    private final Instant periodStart;
    private final Instant periodEnd;
    private final int marginPercent;

    private long supplemented, consumed, refunded, transferredIn, transferredOut, clawedBack, expired;
    private boolean suspended, closed;
    private final Map<String, Long> supplements = new HashMap<>();
    private final Map<String, Refund> refunds = new HashMap<>();
    private final Map<String, Long> refundedByRecord = new HashMap<>();
    private final Map<String, Instant> warnings = new HashMap<>();
    private final Map<String, String> warningReasons = new HashMap<>();
    private final Map<String, Long> clawbacks = new HashMap<>();
    private final Map<String, Debit> debits = new HashMap<>();
    private final Map<String, Long> credits = new HashMap<>();

    ReferenceModel(String allocationId, long grantedSeconds, Instant periodStart, Instant periodEnd,
                   int marginPercent) {
        this.allocationId = allocationId;
        this.grantedSeconds = grantedSeconds;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.marginPercent = marginPercent;
    }

    Buckets buckets() {
        return new Buckets(grantedSeconds, supplemented, consumed, refunded, transferredIn, transferredOut,
                clawedBack, expired);
    }

    Standing standing() {
        return standingOf(buckets());
    }

    boolean suspended() {
        return suspended;
    }

    boolean closed() {
        return closed;
    }

    Instant periodStart() {
        return periodStart;
    }

    Instant periodEnd() {
        return periodEnd;
    }

    private long balance() {
        return buckets().balance();
    }

    private boolean inPeriod(Instant at) {
        return !at.isBefore(periodStart) && at.isBefore(periodEnd);
    }

    // ------------------------------------------------------------------------------------------------ commands

    Verdict regrant(long seconds) {
        return seconds == grantedSeconds ? Verdict.NO_CHANGE : Verdict.refused(IdempotencyConflict.class);
    }

    Verdict supplement(String id, long seconds) {
        if (supplements.containsKey(id)) {
            return replay(supplements.get(id) == seconds);
        }
        if (seconds <= 0) {
            return Verdict.refused(InvalidInput.class);
        }
        if (closed) {
            return Verdict.refused(AllocationClosed.class);
        }
        return movement(() -> {
            supplements.put(id, seconds);
            supplemented += seconds;
        });
    }

    Verdict consume(List<Long> seconds, List<Instant> ends) {
        for (int i = 0; i < seconds.size(); i++) {
            if (seconds.get(i) < 0) {
                return Verdict.refused(InvalidInput.class);
            }
            if (!inPeriod(ends.get(i))) {
                return Verdict.refused(ChargeOutsidePeriod.class);
            }
        }
        long total = seconds.stream().mapToLong(Long::longValue).sum();
        return movement(() -> consumed += total);
    }

    /** @param seconds null to refund all that is still refundable */
    Verdict refund(String refundId, String recordId, long charged, Long seconds, Instant effectiveAt) {
        if (refunds.containsKey(refundId)) {
            Refund earlier = refunds.get(refundId);
            long amount = seconds == null ? earlier.amount() : seconds;
            return replay(earlier.equals(new Refund(recordId, amount, effectiveAt)));
        }
        if (seconds != null && seconds <= 0) {
            return Verdict.refused(InvalidInput.class);
        }
        if (!inPeriod(effectiveAt)) {
            return Verdict.refused(ChargeOutsidePeriod.class);
        }
        long refundable = charged - refundedByRecord.getOrDefault(recordId, 0L);
        long amount = seconds == null ? refundable : seconds;
        if (amount <= 0 || amount > refundable) {
            return Verdict.refused(RefundExceedsCharge.class);
        }
        if (amount > consumed - refunded) {
            return Verdict.refused(RefundExceedsConsumption.class);
        }
        return movement(() -> {
            refunds.put(refundId, new Refund(recordId, amount, effectiveAt));
            refundedByRecord.merge(recordId, amount, Long::sum);
            refunded += amount;
        });
    }

    /** A warning's content is its reason; its time is the ledger's, so a replay at another time is the same one. */
    Verdict warn(String warningId, String reason, Instant at) {
        if (warnings.containsKey(warningId)) {
            return replay(warningReasons.get(warningId).equals(reason));
        }
        if (closed) {
            return Verdict.refused(AllocationClosed.class);
        }
        if (consumed - refunded >= expectedPace(at)) {
            return Verdict.refused(NotUnderConsuming.class);
        }
        warnings.put(warningId, at);
        warningReasons.put(warningId, reason);
        return Verdict.CHANGE;
    }

    /** Entitlement × time elapsed / period length, rounded down; elapsed time held within the period. */
    private long expectedPace(Instant at) {
        long periodSeconds = periodEnd.getEpochSecond() - periodStart.getEpochSecond();
        long elapsed = Math.min(periodSeconds, Math.max(0, at.getEpochSecond() - periodStart.getEpochSecond()));
        return BigInteger.valueOf(buckets().entitlement()).multiply(BigInteger.valueOf(elapsed))
                .divide(BigInteger.valueOf(periodSeconds)).longValueExact();
    }

    Verdict clawBack(String clawbackId, long seconds, Instant at) {
        if (clawbacks.containsKey(clawbackId)) {
            return replay(clawbacks.get(clawbackId) == seconds);
        }
        if (seconds <= 0) {
            return Verdict.refused(InvalidInput.class);
        }
        if (closed) {
            return Verdict.refused(AllocationClosed.class);
        }
        Instant latestWarning = at.minus(CLAWBACK_NOTICE);
        if (warnings.values().stream().noneMatch(warnedAt -> !warnedAt.isAfter(latestWarning))) {
            return Verdict.refused(ClawbackWithoutWarning.class);
        }
        if (seconds > balance()) {
            return Verdict.refused(ClawbackBelowConsumption.class);
        }
        return movement(() -> {
            clawbacks.put(clawbackId, seconds);
            clawedBack += seconds;
        });
    }

    Verdict suspend() {
        if (suspended) {
            return Verdict.NO_CHANGE;
        }
        if (closed) {
            return Verdict.refused(AllocationClosed.class);
        }
        suspended = true;
        return Verdict.CHANGE;
    }

    Verdict resume() {
        if (!suspended) {
            return Verdict.NO_CHANGE;
        }
        suspended = false;
        return Verdict.CHANGE;
    }

    Verdict expire(Instant now) {
        if (closed) {
            return Verdict.NO_CHANGE;
        }
        if (now.isBefore(periodEnd)) {
            return Verdict.refused(PeriodNotEnded.class);
        }
        expired += Math.max(0, balance());
        closed = true;
        return Verdict.CHANGE;
    }

    /** What refuses the source side of a transfer, or null when it can be booked. */
    Class<? extends RuntimeException> debitRefusal(String toAllocation, long seconds) {
        if (seconds <= 0 || toAllocation.equals(allocationId)) {
            return InvalidInput.class;
        }
        if (closed) {
            return AllocationClosed.class;
        }
        return seconds > balance() ? OverdraftRefused.class : null;
    }

    /** What refuses the target side of a transfer, or null when it can be booked. */
    Class<? extends RuntimeException> creditRefusal(String fromAllocation, long seconds) {
        if (seconds < 0 || fromAllocation.equals(allocationId)) {
            return InvalidInput.class;
        }
        return closed ? AllocationClosed.class : null;
    }

    Verdict debit(String transferId, String toAllocation, long seconds) {
        if (debits.containsKey(transferId)) {
            return replay(debits.get(transferId).equals(new Debit(toAllocation, seconds)));
        }
        Class<? extends RuntimeException> refusal = debitRefusal(toAllocation, seconds);
        if (refusal != null) {
            return Verdict.refused(refusal);
        }
        return movement(() -> {
            debits.put(transferId, new Debit(toAllocation, seconds));
            transferredOut += seconds;
        });
    }

    Verdict credit(String transferId, String fromAllocation, long seconds) {
        if (credits.containsKey(transferId)) {
            return replay(credits.get(transferId) == seconds);
        }
        Class<? extends RuntimeException> refusal = creditRefusal(fromAllocation, seconds);
        if (refusal != null) {
            return Verdict.refused(refusal);
        }
        return movement(() -> {
            credits.put(transferId, seconds);
            transferredIn += seconds;
        });
    }

    private static Verdict replay(boolean sameContent) {
        return sameContent ? Verdict.NO_CHANGE : Verdict.refused(IdempotencyConflict.class);
    }

    // ------------------------------------------------------------------------------------------------ policy

    /** Applies a movement of hours; the verdict names the thresholds it newly reached (rule 5 notices). */
    private Verdict movement(Runnable change) {
        Set<UsageThreshold> before = reached(buckets());
        change.run();
        Set<UsageThreshold> crossings = reached(buckets());
        crossings.removeAll(before);
        return new Verdict(true, null, crossings);
    }

    private boolean beyondEffectiveAllocation(Buckets books) {
        return BigInteger.valueOf(books.netConsumed()).multiply(BigInteger.valueOf(100)).compareTo(
                BigInteger.valueOf(books.entitlement()).multiply(BigInteger.valueOf(100 + marginPercent))) > 0;
    }

    private Standing standingOf(Buckets books) {
        if (beyondEffectiveAllocation(books)) {
            return Standing.BLOCKED;
        }
        return books.netConsumed() > books.entitlement() ? Standing.LOW_PRIORITY : Standing.WITHIN_GRANT;
    }

    private Set<UsageThreshold> reached(Buckets books) {
        Set<UsageThreshold> reached = EnumSet.noneOf(UsageThreshold.class);
        long net = books.netConsumed();
        if (net <= 0) {
            return reached;
        }
        if (net * 100 >= books.entitlement() * 80) {
            reached.add(UsageThreshold.PERCENT_80);
        }
        if (net >= books.entitlement()) {
            reached.add(UsageThreshold.PERCENT_100);
        }
        if (beyondEffectiveAllocation(books)) {
            reached.add(UsageThreshold.EFFECTIVE_LIMIT);
        }
        return reached;
    }

    @Override
    public String toString() {
        return allocationId + " " + buckets() + (suspended ? " suspended" : "") + (closed ? " closed" : "")
                + " " + Objects.toString(standing());
    }
}
