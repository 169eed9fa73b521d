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
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SuspendAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.WarnUnderConsumption;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.idempotency.ClientIds;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.transfer.TransferId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One allocation (grant) of GPU-hours and every movement on it. Guards first, each a named refusal, then applies;
 * the event-sourcing handlers only assign state. The hours are {@link Buckets}, moved by {@link AllocationMovement}
 * events, so the balance equation of API.md holds by construction.
 * <p>
 * Idempotency: every client-chosen id (supplement, refund, warning, claw-back, transfer) is remembered with the
 * event it produced ({@link ClientIds}). Usage record ids are deduplicated by the usage store in the same
 * transaction (an allocation may take millions of jobs).
 * <p>
 * A refund and the two sides of a transfer are not commands of the bus: they are asked of a loaded allocation by
 * the command handlers that found what they need ({@code RefundHandler}: the booked job; {@code TransferHandler}:
 * both allocations, in one unit of work).
 * <p>
 * The revision is the shape of the state, for snapshots: a snapshot of another revision is not read (Axon's
 * revision snapshot filter) and the allocation is loaded from its events instead.
 */
@Aggregate(snapshotTriggerDefinition = "allocationSnapshotTrigger", cache = "allocationCache")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Allocation {

    @AggregateIdentifier
    private AllocationId allocationId;
    private AllocationGranted grant;
    private Buckets buckets = Buckets.EMPTY;
    private boolean suspended;
    private boolean hasExpired;

    private ClientIds<AllocationSupplemented> supplements = new ClientIds<>();
    private ClientIds<ConsumptionRefunded> refunds = new ClientIds<>();
    private Map<String, GpuSeconds> refundedByRecord = new HashMap<>();
    private ClientIds<UnderConsumptionWarned> warnings = new ClientIds<>();
    private ClientIds<AllocationClawedBack> clawbacks = new ClientIds<>();
    private ClientIds<TransferDebited> debits = new ClientIds<>();
    private ClientIds<TransferCredited> credits = new ClientIds<>();
    private Set<String> reversals = new HashSet<>();

    protected Allocation() {
        // for Axon and Jackson
    }

    // ---------------------------------------------------------------------------------------------- grant

    /** A grant names a known project and pool, and no other grant of its pool and account overlaps its period. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(GrantAllocation command, Directory directory) {
        AllocationGranted granted = new AllocationGranted(command.allocationId(), command.projectId(),
                command.poolId(), command.fundingSource(), command.granted(), command.periodStart(),
                command.periodEnd(), command.overConsumptionPercent(), command.schedulerAccount());
        if (ClientIds.isReplay("allocationId", command.allocationId(), grant, granted)) {
            return;
        }
        GrantRules.assertValid(command);
        GrantRules.assertKnownProjectAndPool(command, directory);
        GrantRules.assertNoOverlappingGrant(command, directory);
        apply(granted);
    }

    // ---------------------------------------------------------------------------------------------- supplement

    @CommandHandler
    public void handle(SupplementAllocation command) {
        AllocationSupplemented supplemented = new AllocationSupplemented(allocationId, command.supplementId(),
                command.gpuSeconds(), command.reason());
        if (supplements.isReplay("supplementId", command.supplementId().value(), supplemented)) {
            return;
        }
        InvalidInput.requirePositive(command.gpuSeconds(), "gpuHours");
        AllocationClosed.assertOpen(grant, hasExpired, "supplement");
        AllocationLimitExceeded.assertWithinAllocationMax(allocationId, buckets, command.gpuSeconds(), "supplement");
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
        AllocationLimitExceeded.assertWithinConsumptionMax(allocationId, buckets, total);
        applyMovement(new ConsumptionRecorded(allocationId, List.copyOf(charges)));
    }

    /** The most an allocation can still be charged: {@link LedgerLimits#ALLOCATION_CONSUMED_GPU_SECONDS_MAX} in all. */
    public GpuSeconds consumptionRoom() {
        return GpuSeconds.of(LedgerLimits.ALLOCATION_CONSUMED_GPU_SECONDS_MAX - buckets.consumed().value());
    }

    private void assertChargeable(Charge charge) {
        InvalidInput.requirePresent(charge, "charges");
        if (charge.chargedGpus() < 0 || charge.elapsedSeconds() < 0) {
            throw new InvalidInput("gpuSeconds", "of job " + charge.jobId() + " cannot be negative");
        }
        ChargeOutsidePeriod.assertWithinPeriod(grant, InvalidInput.requirePresent(charge.effectiveAt(), "end"),
                "job " + charge.jobId());
    }

    // ---------------------------------------------------------------------------------------------- refund

    /**
     * Gives back part or all of a job's charge, as the usage store booked it; a replay of the refund id answers the
     * amount it gave back then.
     *
     * @return what was given back
     */
    public GpuSeconds refund(RefundConsumption refund) {
        InvalidInput.requirePresent(refund.recordId(), "recordId");
        InvalidInput.requirePresent(refund.charged(), "charged");
        InvalidInput.requirePresent(refund.effectiveAt(), "effectiveAt");
        ConsumptionRefunded earlier = refunds.get(refund.refundId().value());
        GpuSeconds amount = refund.gpuSeconds() != null ? refund.gpuSeconds()
                : earlier != null ? earlier.gpuSeconds() : refundableOf(refund);
        ConsumptionRefunded refunded = new ConsumptionRefunded(allocationId, refund.refundId(), refund.recordId(),
                amount, refund.effectiveAt(), refund.factor(), refund.price(), refund.reason());
        if (refunds.isReplay("refundId", refund.refundId().value(), refunded)) {
            return earlier.gpuSeconds();
        }
        if (refund.gpuSeconds() != null) {
            InvalidInput.requirePositive(refund.gpuSeconds(), "gpuSeconds");
        }
        ChargeOutsidePeriod.assertWithinPeriod(grant, refund.effectiveAt(), "the job refunded by " + refund.refundId());
        RefundExceedsCharge.assertWithinCharge(refund.recordId(), refund.charged(), refundableOf(refund), amount);
        RefundExceedsConsumption.assertWithinNetConsumption(allocationId, buckets, amount);
        applyMovement(refunded);
        return amount;
    }

    private GpuSeconds refundableOf(RefundConsumption refund) {
        return refund.charged().minus(refundedByRecord.getOrDefault(refund.recordId().value(), GpuSeconds.ZERO));
    }

    // ---------------------------------------------------------------------------------------------- under-consumption

    /**
     * A warning's content is what the client sent: its reason. Its time is the ledger's (when the first request was
     * recorded), so a repeated request, which comes later, is still the same warning.
     */
    @CommandHandler
    public void handle(WarnUnderConsumption command) {
        InvalidInput.requirePresent(command.warnedAt(), "warnedAt");
        if (warnings.isReplay("warningId", command.warningId().value(),
                earlier -> Objects.equals(earlier.reason(), command.reason()))) {
            return;
        }
        AllocationClosed.assertOpen(grant, hasExpired, "warn");
        GpuSeconds expected = UnderConsumptionPolicy.expectedPace(buckets.entitlement(), grant.periodStart(),
                grant.periodEnd(), command.warnedAt());
        NotUnderConsuming.assertBehindPace(allocationId, buckets, expected, command.warnedAt());
        apply(new UnderConsumptionWarned(allocationId, command.warningId(), command.warnedAt(), expected,
                buckets.netConsumed(), command.reason()));
    }

    @CommandHandler
    public void handle(ClawBackAllocation command, ClawbackPolicy policy) {
        AllocationClawedBack clawedBack = new AllocationClawedBack(allocationId, command.clawbackId(),
                command.gpuSeconds(), command.reason());
        if (clawbacks.isReplay("clawbackId", command.clawbackId().value(), clawedBack)) {
            return;
        }
        InvalidInput.requirePositive(command.gpuSeconds(), "gpuHours");
        InvalidInput.requirePresent(command.requestedAt(), "requestedAt");
        AllocationClosed.assertOpen(grant, hasExpired, "claw back");
        policy.assertWarnedLongEnoughBefore(allocationId, warnings.all(), command.requestedAt());
        ClawbackBelowConsumption.assertLeavesConsumption(allocationId, buckets, command.gpuSeconds());
        applyMovement(clawedBack);
    }

    // ---------------------------------------------------------------------------------------------- suspension

    @CommandHandler
    public void handle(SuspendAllocation command) {
        InvalidInput.requireText(command.reason(), "reason");
        if (suspended) {
            return;
        }
        AllocationClosed.assertOpen(grant, hasExpired, "suspend");
        apply(new AllocationSuspended(allocationId, command.reason()));
    }

    @CommandHandler
    public void handle(ResumeAllocation command) {
        if (suspended) {
            apply(new AllocationResumed(allocationId, command.reason()));
        }
    }

    // ---------------------------------------------------------------------------------------------- expiry

    @CommandHandler
    public void handle(ExpireAllocation command) {
        InvalidInput.requirePresent(command.now(), "now");
        if (hasExpired) {
            return;
        }
        PeriodNotEnded.assertEnded(grant, command.now());
        apply(new AllocationExpired(allocationId, GpuSeconds.max(GpuSeconds.ZERO, buckets.balance()),
                grant.periodEnd()));
    }

    // ---------------------------------------------------------------------------------------------- transfers

    /** The source side's rules, applying nothing: the transfer checks both sides before it moves either. */
    public void assertCanTransferOut(DebitForTransfer debit) {
        InvalidInput.requirePositive(debit.gpuSeconds(), "gpuHours");
        assertOtherAllocation(debit.toAllocationId(), "toAllocationId");
        AllocationClosed.assertOpen(grant, hasExpired, "transfer hours out of");
        OverdraftRefused.assertWithinBalance(allocationId, buckets, debit.gpuSeconds());
    }

    public void transferOut(DebitForTransfer debit) {
        TransferDebited debited = new TransferDebited(allocationId, debit.transferId(), debit.toAllocationId(),
                debit.gpuSeconds());
        if (debits.isReplay("transferId", debit.transferId().value(), debited)) {
            return;
        }
        assertCanTransferOut(debit);
        applyMovement(debited);
    }

    /** The target side's rules, applying nothing. */
    public void assertCanTransferIn(CreditFromTransfer credit) {
        InvalidInput.requirePresent(credit.gpuSeconds(), "gpuSeconds");
        if (credit.gpuSeconds().isNegative()) {
            throw new InvalidInput("gpuSeconds", "of a transfer credit cannot be negative");
        }
        assertOtherAllocation(credit.fromAllocationId(), "fromAllocationId");
        AllocationClosed.assertOpen(grant, hasExpired, "transfer hours into");
        AllocationLimitExceeded.assertWithinAllocationMax(allocationId, buckets, credit.gpuSeconds(), "transfer in");
    }

    public void transferIn(CreditFromTransfer credit) {
        TransferCredited credited = new TransferCredited(allocationId, credit.transferId(),
                credit.fromAllocationId(), credit.gpuSeconds());
        if (credits.isReplay("transferId", credit.transferId().value(), credited)) {
            return;
        }
        assertCanTransferIn(credit);
        applyMovement(credited);
    }

    /** What this allocation booked of a transfer: nothing, its debit (perhaps given back since), or its credit. */
    public TransferSide sideOf(TransferId transferId) {
        if (credits.contains(transferId.value())) {
            return TransferSide.CREDITED;
        }
        if (reversals.contains(transferId.value())) {
            return TransferSide.DEBIT_GIVEN_BACK;
        }
        return debits.contains(transferId.value()) ? TransferSide.DEBITED : TransferSide.NONE;
    }

    /**
     * Gives a transfer's debit back; only for a transfer that an earlier version's saga left pending with its debit
     * booked and its credit refused (docs/transfers.md). A reversal refuses nothing, and happens at most once.
     */
    public void giveBackDebit(TransferId transferId, String reason) {
        if (sideOf(transferId) == TransferSide.DEBITED) {
            applyMovement(new TransferDebitReversed(allocationId, transferId,
                    debits.get(transferId.value()).gpuSeconds(), reason));
        }
    }

    /** A transfer moves hours between two allocations; to itself it would move nothing. */
    private void assertOtherAllocation(AllocationId other, String field) {
        InvalidInput.requirePresent(other, field);
        if (other.equals(allocationId)) {
            throw new InvalidInput(field, "must name another allocation than " + allocationId);
        }
    }

    // ---------------------------------------------------------------------------------------------- policy

    /** Applies a movement of hours, then what the over-consumption policy says of it (its own events). */
    private void applyMovement(AllocationMovement movement) {
        Buckets before = buckets;
        apply(movement);
        OverConsumptionPolicy.noticesOf(allocationId, before, buckets, grant.overConsumptionPercent())
                .forEach(AggregateLifecycle::apply);
    }

    public GpuSeconds balance() {
        return buckets.balance();
    }

    public AllocationState state() {
        return AllocationState.of(hasExpired, suspended, buckets.standing(grant.overConsumptionPercent()));
    }

    public AllocationId allocationId() {
        return allocationId;
    }

    // ---------------------------------------------------------------------------------------------- state

    /** Every movement moves its bucket; the ids it was made under are remembered for replays. */
    @EventSourcingHandler
    void on(AllocationMovement movement) {
        buckets = buckets.plus(movement);
        switch (movement) {
            case AllocationGranted granted -> {
                allocationId = granted.allocationId();
                grant = granted;
            }
            case AllocationSupplemented supplemented -> supplements.remember(supplemented.supplementId().value(),
                    supplemented);
            case ConsumptionRecorded consumed -> {
                // jobs are remembered by the usage store, in the same transaction
            }
            case ConsumptionRefunded refunded -> {
                refunds.remember(refunded.refundId().value(), refunded);
                refundedByRecord.merge(refunded.recordId().value(), refunded.gpuSeconds(), GpuSeconds::plus);
            }
            case AllocationClawedBack clawedBack -> clawbacks.remember(clawedBack.clawbackId().value(), clawedBack);
            case TransferDebited debited -> debits.remember(debited.transferId().value(), debited);
            case TransferCredited credited -> credits.remember(credited.transferId().value(), credited);
            case TransferDebitReversed reversed -> reversals.add(reversed.transferId().value());
            case AllocationExpired expired -> hasExpired = true;
        }
    }

    @EventSourcingHandler
    void on(UnderConsumptionWarned event) {
        warnings.remember(event.warningId().value(), event);
    }

    @EventSourcingHandler
    void on(AllocationSuspended event) {
        suspended = true;
    }

    @EventSourcingHandler
    void on(AllocationResumed event) {
        suspended = false;
    }
}
