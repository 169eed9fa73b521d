package eu.gpuledger.ledger.allocation.reconciliation;

import eu.gpuledger.ledger.InMemoryLedger.Outcome;
import eu.gpuledger.ledger.InMemoryLedger;
import eu.gpuledger.ledger.allocation.AllocationClawedBack;
import eu.gpuledger.ledger.allocation.AllocationCommands.ClawBackAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.ExpireAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.allocation.AllocationCommands.RefundConsumption;
import eu.gpuledger.ledger.allocation.AllocationCommands.ResumeAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SuspendAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.WarnUnderConsumption;
import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationMovement;
import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ClawbackId;
import eu.gpuledger.ledger.allocation.ClawbackPolicy;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SupplementId;
import eu.gpuledger.ledger.allocation.WarningId;
import eu.gpuledger.ledger.allocation.reconciliation.ReferenceModel.Verdict;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.NormalisationFactorAdded;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.ProjectRegistered;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.transfer.TransferCommands.TransferHours;
import eu.gpuledger.ledger.transfer.TransferConversion;
import eu.gpuledger.ledger.transfer.TransferConversionRules.PoolRates;
import eu.gpuledger.ledger.transfer.TransferConversionRules;
import eu.gpuledger.ledger.transfer.TransferId;
import eu.gpuledger.ledger.transfer.TransferRejected;
import eu.gpuledger.ledger.transfer.TransferRequested;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.UsageRecordId;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one random sequence against the ledger (through {@link InMemoryLedger}) and the {@link ReferenceModel}
 * side by side, and after every command checks that they agree: same refusal, same buckets, same standing, same
 * threshold notices; and that the normalised total of all balances moved only through grants, supplements,
 * consumption, refunds, claw-backs and expiry, transfers conserving it up to their recorded rounding.
 */
final class Reconciliation {

    static final Instant PERIOD_START = Instant.parse("2025-05-01T00:00:00Z");
    /** Factors of the pools the allocations sit on: 0 and 3 share a pool; every rate is 2^a × 5^b. */
    private static final String[] POOL_FACTORS = {"1", "2", "0.5", "1"};
    private static final String[] POOLS = {"v100", "a100", "l4", "v100"};
    static final int ALLOCATIONS = POOLS.length;
    private static final String REASON = "reconciliation";

    private record Slot(AllocationId id, PoolRates rates, ReferenceModel model, GrantAllocation grant) {
        BigDecimal factor() {
            return rates.factor().normalisedPerGpuHour();
        }
    }

    private record ChargedJob(UsageRecordId recordId, long gpuSeconds, Instant end) {
    }

    private final InMemoryLedger ledger = new InMemoryLedger(Clock.fixed(PERIOD_START, ZoneOffset.UTC),
            ClawbackPolicy.standard());
    private final EventFold fold = new EventFold();
    private final List<Slot> slots = new ArrayList<>();
    private final Map<Integer, List<ChargedJob>> jobs = new HashMap<>();
    private Instant now = PERIOD_START.plus(Duration.ofDays(1));
    private int counter;
    private BigDecimal movedByRules = BigDecimal.ZERO;
    private BigDecimal cutByRounding = BigDecimal.ZERO;
    private String context = "";
    private final List<String> outcomes = new ArrayList<>();

    Reconciliation(List<Step.Grant> grants) {
        for (int i = 0; i < POOLS.length; i++) {
            PoolId pool = PoolId.of(POOLS[i]);
            ledger.directory().record(new PoolRegistered(pool, ProviderId.of("idris"), ClusterName.of("jean-zay"),
                            POOLS[i], POOLS[i], 4, 64, true),
                    new NormalisationFactorAdded(pool, PERIOD_START, NormalisationFactor.of(POOL_FACTORS[i])),
                    new ProjectRegistered(ProjectId.of("project-" + i), "project " + i, "PI", "CNRS",
                            Audience.ACADEMIC, "AI", AccessMode.GENCI_DYNAMIC));
        }
        for (int i = 0; i < grants.size(); i++) {
            Step.Grant grant = grants.get(i);
            AllocationId id = AllocationId.of("allocation-" + i);
            PoolRates rates = new PoolRates(PoolId.of(POOLS[i]), NormalisationFactor.of(POOL_FACTORS[i]), null);
            Instant end = PERIOD_START.plus(Duration.ofDays(grant.periodDays()));
            ReferenceModel model = new ReferenceModel(id.value(), grant.gpuSeconds(), PERIOD_START, end,
                    grant.marginPercent());
            GrantAllocation command = new GrantAllocation(id, ProjectId.of("project-" + i), rates.poolId(),
                    FundingSource.GENCI, GpuSeconds.of(grant.gpuSeconds()), PERIOD_START, end, grant.marginPercent(),
                    null);
            slots.add(new Slot(id, rates, model, command));
            int allocation = i;
            checked("grant " + i, () -> dispatch(allocation, command, Verdict.CHANGE));
        }
    }

    void run(int index, Step step) {
        checked("step " + index + ": " + step, () -> execute(step));
    }

    /** What each command did, e.g. "TransferHours: OverdraftRefused", for the property's statistics. */
    List<String> outcomes() {
        return outcomes;
    }

    void close() {
        ledger.close();
    }

    /** Runs the step, then checks that the total moved only by the rules and by recorded rounding. */
    private void checked(String description, Runnable step) {
        context = description;
        BigDecimal before = normalisedTotal();
        movedByRules = BigDecimal.ZERO;
        cutByRounding = BigDecimal.ZERO;
        step.run();
        assertThat(normalisedTotal().subtract(before).subtract(movedByRules))
                .as("%s: the total of all balances moved other than by the rules", context)
                .isEqualByComparingTo(cutByRounding.negate());
    }

    private BigDecimal normalisedTotal() {
        BigDecimal total = BigDecimal.ZERO;
        for (Slot slot : slots) {
            total = total.add(slot.factor().multiply(BigDecimal.valueOf(fold.book(slot.id()).buckets().balance())));
        }
        return total;
    }

    private void execute(Step step) {
        switch (step) {
            case Step.Regrant s -> regrant(s);
            case Step.Supplement s -> dispatch(s.allocation(), new SupplementAllocation(slot(s.allocation()).id(),
                    SupplementId.of("s" + s.id()), GpuSeconds.of(s.gpuSeconds()), REASON),
                    model(s.allocation()).supplement("s" + s.id(), s.gpuSeconds()));
            case Step.Consume s -> consume(s);
            case Step.Refund s -> refund(s);
            case Step.Warn s -> dispatch(s.allocation(), new WarnUnderConsumption(slot(s.allocation()).id(),
                    WarningId.of("w" + s.id()), now, REASON), model(s.allocation()).warn("w" + s.id(), REASON, now));
            case Step.ClawBack s -> dispatch(s.allocation(), new ClawBackAllocation(slot(s.allocation()).id(),
                            ClawbackId.of("c" + s.id()), GpuSeconds.of(s.gpuSeconds()), now, REASON),
                    model(s.allocation()).clawBack("c" + s.id(), s.gpuSeconds(), now));
            case Step.Suspend s -> dispatch(s.allocation(), new SuspendAllocation(slot(s.allocation()).id(), REASON),
                    model(s.allocation()).suspend());
            case Step.Resume s -> dispatch(s.allocation(), new ResumeAllocation(slot(s.allocation()).id(), REASON),
                    model(s.allocation()).resume());
            case Step.Expire s -> dispatch(s.allocation(), new ExpireAllocation(slot(s.allocation()).id(), now),
                    model(s.allocation()).expire(now));
            case Step.Transfer s -> transfer(s);
            case Step.Advance s -> now = now.plus(Duration.ofDays(s.days()));
        }
    }

    private Slot slot(int allocation) {
        return slots.get(allocation);
    }

    private ReferenceModel model(int allocation) {
        return slots.get(allocation).model();
    }

    private void regrant(Step.Regrant step) {
        GrantAllocation grant = slot(step.allocation()).grant();
        long seconds = grant.granted().value() + (step.sameContent() ? 0 : 1);
        GrantAllocation again = new GrantAllocation(grant.allocationId(), grant.projectId(), grant.poolId(),
                grant.fundingSource(), GpuSeconds.of(seconds), grant.periodStart(), grant.periodEnd(),
                grant.overConsumptionPercent(), grant.schedulerAccount());
        dispatch(step.allocation(), again, model(step.allocation()).regrant(seconds));
    }

    private void consume(Step.Consume step) {
        List<Charge> charges = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        for (int i = 0; i < step.gpuSeconds().size(); i++) {
            Instant end = now.minusSeconds(step.secondsAgo().get(i));
            ends.add(end);
            charges.add(charge("job-" + ++counter, step.gpuSeconds().get(i), end));
        }
        Verdict verdict = model(step.allocation()).consume(step.gpuSeconds(), ends);
        Outcome outcome = dispatch(step.allocation(), new RecordConsumption(slot(step.allocation()).id(), charges),
                verdict);
        if (outcome.refusal() == null) {
            charges.forEach(charge -> jobs.computeIfAbsent(step.allocation(), a -> new ArrayList<>())
                    .add(new ChargedJob(charge.recordId(), charge.gpuSeconds().value(), charge.end())));
        }
    }

    private static Charge charge(String jobId, long gpuSeconds, Instant end) {
        // one GPU for gpuSeconds seconds; a negative figure is a job the ledger must refuse
        return new Charge(UsageRecordId.of(jobId), ClusterName.of("jean-zay"), jobId, "alice", "gpu", 1,
                end.minusSeconds(Math.max(0, gpuSeconds)), end, gpuSeconds, null, null);
    }

    private void refund(Step.Refund step) {
        List<ChargedJob> charged = jobs.getOrDefault(step.allocation(), List.of());
        ChargedJob job = charged.isEmpty()
                ? new ChargedJob(UsageRecordId.of("unknown-job"), 36_000, now)
                : charged.get(step.job() % charged.size());
        String refundId = "r" + step.id();
        GpuSeconds amount = step.gpuSeconds() == null ? null : GpuSeconds.of(step.gpuSeconds());
        Verdict verdict = model(step.allocation()).refund(refundId, job.recordId().value(), job.gpuSeconds(),
                step.gpuSeconds(), job.end());
        dispatch(step.allocation(), new RefundConsumption(slot(step.allocation()).id(), RefundId.of(refundId),
                job.recordId(), GpuSeconds.of(job.gpuSeconds()), amount, job.end(), null, null, REASON), verdict);
    }

    /**
     * One command: both sides booked, or neither (the transfer is then rejected with the refusal of the first side
     * that refused, and no allocation's books move).
     */
    private void transfer(Step.Transfer step) {
        Slot from = slot(step.from());
        Slot to = slot(step.to());
        String transferId = "t" + ++counter;
        TransferHours command = new TransferHours(TransferId.of(transferId), from.id(), to.id(),
                GpuSeconds.of(step.gpuSeconds()), REASON);
        if (step.gpuSeconds() <= 0 || step.from() == step.to()) {
            dispatch(step.from(), command, Verdict.refused(InvalidInput.class));
            return;
        }
        Class<? extends RuntimeException> refused = from.model().debitRefusal(to.id().value(), step.gpuSeconds());
        long credit = TransferConversionRules.convert(GpuSeconds.of(step.gpuSeconds()), from.rates(), to.rates())
                .credit().value();
        if (refused == null) {
            refused = to.model().creditRefusal(from.id().value(), credit);
        }
        Outcome outcome = ledger.send(command);
        String what = context + " / " + command;
        assertThat(outcome.refusal()).as("%s refused by the ledger", what).isNull();
        TransferRequested requested = (TransferRequested) outcome.events().getFirst();
        assertExactConversion(requested);
        if (refused != null) {
            assertThat(outcome.events()).as("%s moves nothing, refused by %s", what, refused.getSimpleName())
                    .noneMatch(AllocationMovement.class::isInstance)
                    .last().isInstanceOf(TransferRejected.class);
            outcomes.add("TransferHours: " + refused.getSimpleName());
            return;
        }
        Verdict debit = from.model().debit(transferId, to.id().value(), step.gpuSeconds());
        to.model().credit(transferId, from.id().value(), credit);
        assertThat(requested.credit().value()).as("%s credit", what).isEqualTo(credit);
        assertThat(fold.fold(outcome.events())).as("%s announced thresholds", what).isEqualTo(debit.crossings());
        cutByRounding = cutByRounding.add(requested.conversion().remainder());
        outcomes.add("TransferHours: booked");
        slots.forEach(this::assertAgrees);
    }

    private static void assertExactConversion(TransferRequested requested) {
        TransferConversion conversion = requested.conversion();
        BigDecimal sourceValue = BigDecimal.valueOf(requested.debit().value()).multiply(conversion.sourceRate());
        BigDecimal creditedValue = BigDecimal.valueOf(requested.credit().value()).multiply(conversion.targetRate())
                .add(conversion.remainder());
        assertThat(creditedValue).isEqualByComparingTo(sourceValue);
        assertThat(conversion.remainder()).isGreaterThanOrEqualTo(BigDecimal.ZERO)
                .isLessThan(conversion.targetRate());
    }

    /** Sends one command to the ledger, folds what it did, and checks it against the model's verdict. */
    private Outcome dispatch(int allocation, Object command, Verdict verdict) {
        Outcome outcome = ledger.send(command);
        String what = context + " / " + command;
        assertThat(outcome.refusalType()).as("%s refused by the ledger with %s", what, outcome.refusal())
                .isEqualTo(verdict.refusal());
        assertThat(!outcome.events().isEmpty()).as("%s changed the books: %s", what, outcome.events())
                .isEqualTo(verdict.changes());
        assertThat(fold.fold(outcome.events())).as("%s announced thresholds", what).isEqualTo(verdict.crossings());
        movedByRules = movedByRules.add(valueMovedByRules(outcome.events()));
        outcomes.add(command.getClass().getSimpleName() + ": " + (outcome.refusal() != null
                ? outcome.refusalType().getSimpleName() : outcome.events().isEmpty() ? "no change" : "booked"));
        slots.forEach(this::assertAgrees);
        return outcome;
    }

    private void assertAgrees(Slot slot) {
        EventFold.Book book = fold.book(slot.id());
        ReferenceModel model = slot.model();
        assertThat(book.buckets()).as("%s: buckets of %s", context, slot.id()).isEqualTo(model.buckets());
        assertThat(book.standing).as("%s: standing of %s", context, slot.id()).isEqualTo(model.standing());
        assertThat(book.suspended).as("%s: suspension of %s", context, slot.id()).isEqualTo(model.suspended());
        assertThat(book.hasExpired).as("%s: expiry of %s", context, slot.id()).isEqualTo(model.closed());
    }

    /** Normalised value that the non-transfer rules moved in or out of the books. */
    private BigDecimal valueMovedByRules(List<Object> events) {
        BigDecimal moved = BigDecimal.ZERO;
        for (Object event : events) {
            moved = moved.add(switch (event) {
                case AllocationGranted e -> valueOf(e.allocationId(), e.granted().value());
                case AllocationSupplemented e -> valueOf(e.allocationId(), e.gpuSeconds().value());
                case ConsumptionRecorded e -> valueOf(e.allocationId(), -e.total().value());
                case ConsumptionRefunded e -> valueOf(e.allocationId(), e.gpuSeconds().value());
                case AllocationClawedBack e -> valueOf(e.allocationId(), -e.gpuSeconds().value());
                case AllocationExpired e -> valueOf(e.allocationId(), -e.lapsed().value());
                default -> BigDecimal.ZERO;
            });
        }
        return moved;
    }

    private BigDecimal valueOf(AllocationId allocationId, long gpuSeconds) {
        Slot slot = slots.stream().filter(s -> s.id().equals(allocationId)).findFirst().orElseThrow();
        return slot.factor().multiply(BigDecimal.valueOf(gpuSeconds));
    }
}
