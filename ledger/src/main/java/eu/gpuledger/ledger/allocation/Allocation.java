package eu.gpuledger.ledger.allocation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.allocation.AllocationCommands.ClawBackAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.CreditFromTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.DebitForTransfer;
import eu.gpuledger.ledger.allocation.AllocationCommands.ExpireAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.allocation.AllocationCommands.RefundConsumption;
import eu.gpuledger.ledger.allocation.AllocationCommands.ResumeAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.ReverseTransferDebit;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SuspendAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.WarnUnderConsumption;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One allocation (grant) of GPU-hours and every movement on it. Guards first, then applies; the
 * event-sourcing handlers only assign state. The balance equation of API.md holds by construction:
 * balance = granted + supplemented + transferredIn + refunded − consumed − transferredOut − clawedBack − expired.
 * <p>
 * Idempotency: every client-chosen id (supplement, refund, warning, claw-back, transfer) is remembered with the
 * event it produced; the same id with the same content is a no-op, with other content a conflict. Usage record
 * ids are deduplicated by the usage store in the same transaction (an allocation may take millions of jobs).
 */
@Aggregate(snapshotTriggerDefinition = "allocationSnapshotTrigger", cache = "allocationCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Allocation {

    @AggregateIdentifier
    private AllocationId allocationId;
    private AllocationGranted grant;

    private GpuSeconds supplemented = GpuSeconds.ZERO;
    private GpuSeconds consumed = GpuSeconds.ZERO;
    private GpuSeconds refunded = GpuSeconds.ZERO;
    private GpuSeconds transferredIn = GpuSeconds.ZERO;
    private GpuSeconds transferredOut = GpuSeconds.ZERO;
    private GpuSeconds clawedBack = GpuSeconds.ZERO;
    private GpuSeconds expired = GpuSeconds.ZERO;
    private boolean suspended;
    private boolean hasExpired;

    private Map<String, AllocationSupplemented> supplements = new HashMap<>();
    private Map<String, ConsumptionRefunded> refunds = new HashMap<>();
    private Map<String, GpuSeconds> refundedByRecord = new HashMap<>();
    private Map<String, UnderConsumptionWarned> warnings = new HashMap<>();
    private Map<String, AllocationClawedBack> clawbacks = new HashMap<>();
    private Map<String, TransferDebited> debits = new HashMap<>();
    private Map<String, TransferCredited> credits = new HashMap<>();
    private Map<String, TransferDebitReversed> reversals = new HashMap<>();

    protected Allocation() {
        // for Axon and Jackson
    }

    // ---------------------------------------------------------------------------------------------- grant

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(GrantAllocation command) {
        AllocationGranted granted = new AllocationGranted(command.allocationId(), command.projectId(),
                command.poolId(), command.fundingSource(), command.granted(), command.periodStart(),
                command.periodEnd(), command.overConsumptionPercent(), command.schedulerAccount());
        if (grant != null) {
            assertSameReplay(grant, granted, "allocationId", command.allocationId().value());
            return;
        }
        assertValidGrant(command);
        apply(granted);
    }

    private static void assertValidGrant(GrantAllocation command) {
        InvalidInput.requirePresent(command.projectId(), "projectId");
        InvalidInput.requirePresent(command.poolId(), "poolId");
        InvalidInput.requirePresent(command.fundingSource(), "fundingSource");
        InvalidInput.requirePositive(command.granted(), "gpuHours");
        InvalidInput.requirePresent(command.periodStart(), "periodStart");
        InvalidInput.requirePresent(command.periodEnd(), "periodEnd");
        if (!command.periodEnd().isAfter(command.periodStart())) {
            throw new InvalidInput("periodEnd", "must be after periodStart (periods are half-open [start, end))");
        }
        if (command.overConsumptionPercent() < 0
                || command.overConsumptionPercent() > LedgerLimits.OVER_CONSUMPTION_PERCENT_MAX) {
            throw new InvalidInput("overConsumptionPercent", "must be in [0, "
                    + LedgerLimits.OVER_CONSUMPTION_PERCENT_MAX + "], got " + command.overConsumptionPercent());
        }
        if (command.granted().value() > LedgerLimits.ALLOCATION_GPU_SECONDS_MAX) {
            throw new InvalidInput("gpuHours", "must be at most " + LedgerLimits.ALLOCATION_GPU_HOURS_MAX
                    + " GPU-hours (" + LedgerLimits.ALLOCATION_GPU_SECONDS_MAX + " GPU-seconds), got "
                    + command.granted().value() + " GPU-seconds");
        }
    }

    /**
     * The largest allocation: what an allocation holds in all (grant, supplements, transfers in) stays within
     * {@link LedgerLimits#ALLOCATION_GPU_SECONDS_MAX}, so that its sums and the ledger's stay within a long.
     */
    private void assertWithinAllocationMax(GpuSeconds incoming, String movement) {
        long heldInAll = Math.addExact(Math.addExact(grant.granted().value(), supplemented.value()),
                transferredIn.value());
        if (incoming.value() > LedgerLimits.ALLOCATION_GPU_SECONDS_MAX - heldInAll) {
            throw new AllocationLimitExceeded("a " + movement + " of " + incoming.value() + " GPU-seconds would take"
                    + " allocation " + allocationId + " past the largest allocation of "
                    + LedgerLimits.ALLOCATION_GPU_HOURS_MAX + " GPU-hours (" + LedgerLimits.ALLOCATION_GPU_SECONDS_MAX
                    + " GPU-seconds granted, supplemented and transferred in, in all); it holds " + heldInAll);
        }
    }

    /** The most an allocation can be charged: {@link LedgerLimits#ALLOCATION_CONSUMED_GPU_SECONDS_MAX} in all. */
    public GpuSeconds consumptionRoom() {
        return GpuSeconds.of(LedgerLimits.ALLOCATION_CONSUMED_GPU_SECONDS_MAX - consumed.value());
    }

    // ---------------------------------------------------------------------------------------------- supplement

    @CommandHandler
    public void handle(SupplementAllocation command) {
        AllocationSupplemented supplemented = new AllocationSupplemented(allocationId, command.supplementId(),
                command.gpuSeconds(), command.reason());
        AllocationSupplemented earlier = supplements.get(command.supplementId().value());
        if (earlier != null) {
            assertSameReplay(earlier, supplemented, "supplementId", command.supplementId().value());
            return;
        }
        InvalidInput.requirePositive(command.gpuSeconds(), "gpuHours");
        assertOpen("supplement");
        assertWithinAllocationMax(command.gpuSeconds(), "supplement");
        applyMovement(supplemented);
    }

    // ---------------------------------------------------------------------------------------------- consumption

    @CommandHandler
    public void handle(RecordConsumption command) {
        List<Charge> charges = command.charges();
        if (charges == null || charges.isEmpty()) {
            throw new InvalidInput("charges", "must hold at least one job");
        }
        GpuSeconds total = GpuSeconds.ZERO;
        for (Charge charge : charges) {
            assertChargeable(charge);
            total = total.plus(charge.gpuSeconds());
        }
        if (total.isGreaterThan(consumptionRoom())) {
            throw new AllocationLimitExceeded("charges of " + total.value() + " GPU-seconds would take allocation "
                    + allocationId + " past the most an allocation can be charged, "
                    + LedgerLimits.ALLOCATION_CONSUMED_GPU_SECONDS_MAX + " GPU-seconds; it was charged "
                    + consumed.value());
        }
        applyMovement(new ConsumptionRecorded(allocationId, List.copyOf(charges), total));
    }

    private void assertChargeable(Charge charge) {
        InvalidInput.requirePresent(charge, "charges");
        InvalidInput.requirePresent(charge.gpuSeconds(), "gpuSeconds");
        if (charge.gpuSeconds().isNegative()) {
            throw new InvalidInput("gpuSeconds", "of job " + charge.jobId() + " cannot be negative");
        }
        assertWithinPeriod(InvalidInput.requirePresent(charge.effectiveAt(), "end"), "job " + charge.jobId());
    }

    /** Rule 1: a job belongs to the allocation whose half-open period holds its end. */
    private void assertWithinPeriod(Instant effectiveAt, String what) {
        if (effectiveAt.isBefore(grant.periodStart()) || !effectiveAt.isBefore(grant.periodEnd())) {
            throw new ChargeOutsidePeriod(what + " ended at " + effectiveAt + ", outside allocation "
                    + allocationId + "'s period [" + grant.periodStart() + ", " + grant.periodEnd() + ")");
        }
    }

    @CommandHandler
    public GpuSeconds handle(RefundConsumption command) {
        InvalidInput.requirePresent(command.recordId(), "recordId");
        InvalidInput.requirePresent(command.charged(), "charged");
        InvalidInput.requirePresent(command.effectiveAt(), "effectiveAt");
        ConsumptionRefunded earlier = refunds.get(command.refundId().value());
        if (earlier != null) {
            ConsumptionRefunded replay = new ConsumptionRefunded(allocationId, command.refundId(), command.recordId(),
                    command.gpuSeconds() == null ? earlier.gpuSeconds() : command.gpuSeconds(),
                    command.effectiveAt(), command.factor(), command.price(), command.reason());
            assertSameReplay(earlier, replay, "refundId", command.refundId().value());
            return earlier.gpuSeconds();
        }
        if (command.gpuSeconds() != null) {
            InvalidInput.requirePositive(command.gpuSeconds(), "gpuSeconds");
        }
        assertWithinPeriod(command.effectiveAt(), "the job refunded by " + command.refundId());
        GpuSeconds amount = command.gpuSeconds() == null ? refundableOf(command) : command.gpuSeconds();
        assertRefundable(command, amount);
        applyMovement(new ConsumptionRefunded(allocationId, command.refundId(), command.recordId(), amount,
                command.effectiveAt(), command.factor(), command.price(), command.reason()));
        return amount;
    }

    private GpuSeconds refundableOf(RefundConsumption command) {
        return command.charged().minus(refundedByRecord.getOrDefault(command.recordId().value(), GpuSeconds.ZERO));
    }

    /** A refund gives back at most what the job was charged (over all its refunds) and what the allocation consumed. */
    private void assertRefundable(RefundConsumption command, GpuSeconds amount) {
        GpuSeconds refundable = refundableOf(command);
        if (!amount.isPositive() || amount.isGreaterThan(refundable)) {
            throw new RefundExceedsCharge("job " + command.recordId() + " was charged " + command.charged().value()
                    + " GPU-seconds, " + command.charged().minus(refundable).value() + " already refunded: at most "
                    + refundable.value() + " can be refunded, not " + amount.value());
        }
        if (amount.isGreaterThan(netConsumed())) {
            throw new RefundExceedsCharge("allocation " + allocationId + " has " + netConsumed().value()
                    + " GPU-seconds of consumption not yet refunded, a refund of " + amount.value() + " exceeds it");
        }
    }

    // ---------------------------------------------------------------------------------------------- under-consumption

    @CommandHandler
    public void handle(WarnUnderConsumption command) {
        InvalidInput.requirePresent(command.warnedAt(), "warnedAt");
        UnderConsumptionWarned earlier = warnings.get(command.warningId().value());
        if (earlier != null) {
            assertSameWarning(earlier, command);
            return;
        }
        assertOpen("warn");
        GpuSeconds expected = expectedPaceAt(command.warnedAt());
        assertBehindPace(expected, command.warnedAt());
        apply(new UnderConsumptionWarned(allocationId, command.warningId(), command.warnedAt(), expected,
                netConsumed(), command.reason()));
    }

    /**
     * A warning's content is what the client sent: its reason. The time of the warning is the ledger's (when the
     * first request was recorded), and the pace and consumption are computed from it, so a repeated request, which
     * comes later, is still the same warning.
     */
    private static void assertSameWarning(UnderConsumptionWarned earlier, WarnUnderConsumption replay) {
        if (!Objects.equals(earlier.reason(), replay.reason())) {
            throw new IdempotencyConflict("warningId", replay.warningId().value());
        }
    }

    /** Rule 6: only a project behind the expected pace is warned (and so exposed to a claw-back later). */
    private void assertBehindPace(GpuSeconds expected, Instant at) {
        if (!netConsumed().isLessThan(expected)) {
            throw new NotUnderConsuming("allocation " + allocationId + " consumed " + netConsumed().value()
                    + " GPU-seconds, at or above the expected pace of " + expected.value() + " at " + at);
        }
    }

    /** Rule 6: granted hours × time elapsed / length of the period, in whole GPU-seconds (rounded down). */
    GpuSeconds expectedPaceAt(Instant at) {
        long periodSeconds = Duration.between(grant.periodStart(), grant.periodEnd()).toSeconds();
        long elapsedSeconds = Math.max(0, Math.min(periodSeconds, Duration.between(grant.periodStart(), at).toSeconds()));
        java.math.BigInteger expected = java.math.BigInteger.valueOf(entitlement().value())
                .multiply(java.math.BigInteger.valueOf(elapsedSeconds))
                .divide(java.math.BigInteger.valueOf(periodSeconds));
        return GpuSeconds.of(expected.longValueExact());
    }

    @CommandHandler
    public void handle(ClawBackAllocation command, ClawbackPolicy policy) {
        AllocationClawedBack clawedBackEvent = new AllocationClawedBack(allocationId, command.clawbackId(),
                command.gpuSeconds(), command.reason());
        AllocationClawedBack earlier = clawbacks.get(command.clawbackId().value());
        if (earlier != null) {
            assertSameReplay(earlier, clawedBackEvent, "clawbackId", command.clawbackId().value());
            return;
        }
        InvalidInput.requirePositive(command.gpuSeconds(), "gpuHours");
        InvalidInput.requirePresent(command.requestedAt(), "requestedAt");
        assertOpen("claw back");
        assertWarnedLongEnoughBefore(command.requestedAt(), policy);
        GpuSeconds unused = available();
        if (command.gpuSeconds().isGreaterThan(unused)) {
            throw new ClawbackBelowConsumption("a claw-back of " + command.gpuSeconds().value()
                    + " GPU-seconds would take allocation " + allocationId + " below what it consumed: at most "
                    + Math.max(0, unused.value()) + " GPU-seconds are unused");
        }
        applyMovement(clawedBackEvent);
    }

    private void assertWarnedLongEnoughBefore(Instant requestedAt, ClawbackPolicy policy) {
        Instant latestAcceptableWarning = requestedAt.minus(policy.requiredNotice());
        boolean warned = warnings.values().stream()
                .anyMatch(warning -> !warning.warnedAt().isAfter(latestAcceptableWarning));
        if (!warned) {
            throw new ClawbackWithoutWarning("allocation " + allocationId + " has no under-consumption warning issued "
                    + policy.requiredNotice().toDays() + " days or more before " + requestedAt);
        }
    }

    // ---------------------------------------------------------------------------------------------- suspension

    @CommandHandler
    public void handle(SuspendAllocation command) {
        InvalidInput.requireText(command.reason(), "reason");
        if (suspended) {
            return;
        }
        assertOpen("suspend");
        apply(new AllocationSuspended(allocationId, command.reason()));
    }

    @CommandHandler
    public void handle(ResumeAllocation command) {
        if (!suspended) {
            return;
        }
        apply(new AllocationResumed(allocationId, command.reason()));
    }

    // ---------------------------------------------------------------------------------------------- expiry

    @CommandHandler
    public void handle(ExpireAllocation command) {
        InvalidInput.requirePresent(command.now(), "now");
        if (hasExpired) {
            return;
        }
        if (command.now().isBefore(grant.periodEnd())) {
            throw new PeriodNotEnded("allocation " + allocationId + " runs until " + grant.periodEnd());
        }
        apply(new AllocationExpired(allocationId, GpuSeconds.max(GpuSeconds.ZERO, balance()), grant.periodEnd()));
    }

    // ---------------------------------------------------------------------------------------------- transfers

    @CommandHandler
    public void handle(DebitForTransfer command) {
        TransferDebited debited = new TransferDebited(allocationId, command.transferId(), command.toAllocationId(),
                command.gpuSeconds());
        TransferDebited earlier = debits.get(command.transferId().value());
        if (earlier != null) {
            assertSameReplay(earlier, debited, "transferId", command.transferId().value());
            return;
        }
        InvalidInput.requirePositive(command.gpuSeconds(), "gpuHours");
        assertOtherAllocation(command.toAllocationId(), "toAllocationId");
        assertOpen("transfer hours out of");
        if (command.gpuSeconds().isGreaterThan(available())) {
            throw new OverdraftRefused("allocation " + allocationId + " has " + Math.max(0, available().value())
                    + " GPU-seconds available, a transfer of " + command.gpuSeconds().value() + " would overdraw it");
        }
        applyMovement(debited);
    }

    @CommandHandler
    public void handle(CreditFromTransfer command) {
        TransferCredited credited = new TransferCredited(allocationId, command.transferId(),
                command.fromAllocationId(), command.gpuSeconds());
        TransferCredited earlier = credits.get(command.transferId().value());
        if (earlier != null) {
            assertSameReplay(earlier, credited, "transferId", command.transferId().value());
            return;
        }
        InvalidInput.requirePresent(command.gpuSeconds(), "gpuSeconds");
        if (command.gpuSeconds().isNegative()) {
            throw new InvalidInput("gpuSeconds", "of a transfer credit cannot be negative");
        }
        assertOtherAllocation(command.fromAllocationId(), "fromAllocationId");
        assertOpen("transfer hours into");
        assertWithinAllocationMax(command.gpuSeconds(), "transfer in");
        applyMovement(credited);
    }

    @CommandHandler
    public void handle(ReverseTransferDebit command) {
        if (reversals.containsKey(command.transferId().value())) {
            return;
        }
        TransferDebited debit = debits.get(command.transferId().value());
        if (debit == null) {
            return; // nothing was debited, nothing to give back
        }
        applyMovement(new TransferDebitReversed(allocationId, command.transferId(), debit.gpuSeconds(),
                command.reason()));
    }

    // ---------------------------------------------------------------------------------------------- policy

    /**
     * Applies a movement of hours, then the over-consumption policy: a standing change and each threshold that
     * net consumption reached by this movement become events of their own.
     */
    private void applyMovement(Object movement) {
        Standing standingBefore = standing();
        Set<UsageThreshold> reachedBefore = reachedThresholds();
        apply(movement);
        Standing standingAfter = standing();
        if (standingAfter != standingBefore) {
            apply(new AllocationStandingChanged(allocationId, standingBefore, standingAfter, netConsumed(),
                    entitlement()));
        }
        for (UsageThreshold threshold : reachedThresholds()) {
            if (!reachedBefore.contains(threshold)) {
                apply(new UsageThresholdCrossed(allocationId, threshold, netConsumed(), entitlement()));
            }
        }
    }

    private void assertOpen(String action) {
        if (hasExpired) {
            throw new AllocationClosed("allocation " + allocationId + " expired at " + grant.periodEnd()
                    + ": cannot " + action + " it");
        }
    }

    /** A transfer moves hours between two allocations; to itself it would move nothing. */
    private void assertOtherAllocation(AllocationId other, String field) {
        InvalidInput.requirePresent(other, field);
        if (other.equals(allocationId)) {
            throw new InvalidInput(field, "must name another allocation than " + allocationId);
        }
    }

    private static void assertSameReplay(Object earlier, Object replay, String idField, String id) {
        if (!earlier.equals(replay)) {
            throw new IdempotencyConflict(idField, id);
        }
    }

    GpuSeconds entitlement() {
        return grant.granted().plus(supplemented).plus(transferredIn).minus(transferredOut).minus(clawedBack);
    }

    GpuSeconds netConsumed() {
        return consumed.minus(refunded);
    }

    GpuSeconds balance() {
        return entitlement().minus(netConsumed()).minus(expired);
    }

    /** What can still leave the allocation without taking it below its consumption. */
    GpuSeconds available() {
        return balance();
    }

    Standing standing() {
        return OverConsumptionPolicy.standing(netConsumed(), entitlement(), grant.overConsumptionPercent());
    }

    private Set<UsageThreshold> reachedThresholds() {
        return OverConsumptionPolicy.reached(netConsumed(), entitlement(), grant.overConsumptionPercent());
    }

    public AllocationState state() {
        if (hasExpired) {
            return AllocationState.EXPIRED;
        }
        if (suspended) {
            return AllocationState.SUSPENDED;
        }
        return switch (standing()) {
            case WITHIN_GRANT -> AllocationState.ACTIVE;
            case LOW_PRIORITY -> AllocationState.LOW_PRIORITY;
            case BLOCKED -> AllocationState.BLOCKED;
        };
    }

    public AllocationId allocationId() {
        return allocationId;
    }

    public ProjectId projectId() {
        return grant.projectId();
    }

    public PoolId poolId() {
        return grant.poolId();
    }

    // ---------------------------------------------------------------------------------------------- state

    @EventSourcingHandler
    void on(AllocationGranted event) {
        allocationId = event.allocationId();
        grant = event;
    }

    @EventSourcingHandler
    void on(AllocationSupplemented event) {
        supplemented = supplemented.plus(event.gpuSeconds());
        supplements.put(event.supplementId().value(), event);
    }

    @EventSourcingHandler
    void on(ConsumptionRecorded event) {
        consumed = consumed.plus(event.total());
    }

    @EventSourcingHandler
    void on(ConsumptionRefunded event) {
        refunded = refunded.plus(event.gpuSeconds());
        refunds.put(event.refundId().value(), event);
        refundedByRecord.merge(event.recordId().value(), event.gpuSeconds(), GpuSeconds::plus);
    }

    @EventSourcingHandler
    void on(UnderConsumptionWarned event) {
        warnings.put(event.warningId().value(), event);
    }

    @EventSourcingHandler
    void on(AllocationClawedBack event) {
        clawedBack = clawedBack.plus(event.gpuSeconds());
        clawbacks.put(event.clawbackId().value(), event);
    }

    @EventSourcingHandler
    void on(AllocationSuspended event) {
        suspended = true;
    }

    @EventSourcingHandler
    void on(AllocationResumed event) {
        suspended = false;
    }

    @EventSourcingHandler
    void on(AllocationExpired event) {
        expired = expired.plus(event.lapsed());
        hasExpired = true;
    }

    @EventSourcingHandler
    void on(TransferDebited event) {
        transferredOut = transferredOut.plus(event.gpuSeconds());
        debits.put(event.transferId().value(), event);
    }

    @EventSourcingHandler
    void on(TransferCredited event) {
        transferredIn = transferredIn.plus(event.gpuSeconds());
        credits.put(event.transferId().value(), event);
    }

    @EventSourcingHandler
    void on(TransferDebitReversed event) {
        transferredOut = transferredOut.minus(event.gpuSeconds());
        reversals.put(event.transferId().value(), event);
    }
}
