package eu.gpuledger.server.projection;

import eu.gpuledger.ledger.allocation.AllocationCommands.ClawBackAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.ExpireAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SuspendAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.ResumeAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.WarnUnderConsumption;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ClawbackId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.allocation.SupplementId;
import eu.gpuledger.ledger.allocation.WarningId;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddPrice;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.DeclareCluster;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.RegisterProject;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.transfer.TransferCommands.TransferHours;
import eu.gpuledger.ledger.transfer.TransferId;
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.RefundUsageRecord;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random but reproducible (seeded) workload through the command gateway: grants on two pools of different
 * factors (one priced), supplements, batches of charges, partial refunds, transfers across pools (with rounding),
 * warnings then claw-backs, suspensions and expiries. Some commands are refused by the ledger's rules (a claw-back
 * below consumption); a refusal writes no event, and a transfer refused by a side's rule moves no hours (it is
 * stored rejected), which is part of what the projections must get right. Charges are booked in the usage store as
 * an import books them ({@link BookedCharges}), so that refunds find their jobs.
 */
final class RandomWorkload {

    /** Operations a run performs at most; each is one command. */
    static final int STEPS_MAX = 10_000;
    /** Scheduler accounts the allocations are spread over: each has one allocation on each cluster. */
    static final int ACCOUNTS = 3;

    static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant PAST_START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant PAST_END = Instant.parse("2025-07-01T00:00:00Z");

    record Pool(PoolId id, NormalisationFactor factor, PricePerGpuHour price) {
    }

    record Allocation(AllocationId id, Pool pool, Instant periodStart, Instant periodEnd) {
    }

    record RecordedCharge(Allocation allocation, Charge charge) {
    }

    private final CommandGateway commands;
    private final DSLContext sql;
    private final Random random;
    private final List<Allocation> allocations = new ArrayList<>();
    private final List<RecordedCharge> charges = new ArrayList<>();
    private final List<Allocation> warned = new ArrayList<>();
    private int ids;
    int refused;
    int performed;

    RandomWorkload(CommandGateway commands, DSLContext sql, long seed) {
        this.commands = commands;
        this.sql = sql;
        this.random = new Random(seed);
    }

    List<Allocation> allocations() {
        return allocations;
    }

    void setUp(String prefix) {
        ProviderId idris = ProviderId.of(prefix + "-idris");
        ProviderId cloud = ProviderId.of(prefix + "-cloud");
        commands.sendAndWait(new RegisterProvider(idris, "IDRIS", ProviderKind.PUBLIC, false, null));
        commands.sendAndWait(new RegisterProvider(cloud, "A GPU cloud", ProviderKind.PRIVATE, false, null));
        commands.sendAndWait(new DeclareCluster(ClusterName.of(prefix + "-jz"), idris, ZoneId.of("Europe/Paris")));
        commands.sendAndWait(new DeclareCluster(ClusterName.of(prefix + "-cl"), cloud, ZoneId.of("UTC")));
        Pool a100 = new Pool(PoolId.of(prefix + "-a100"), NormalisationFactor.of("2"), null);
        Pool h100 = new Pool(PoolId.of(prefix + "-h100"), NormalisationFactor.of("4"), PricePerGpuHour.of("2.75"));
        commands.sendAndWait(new RegisterPool(a100.id(), idris, ClusterName.of(prefix + "-jz"), "gpu_p5", "A100", 8, 64, true));
        commands.sendAndWait(new RegisterPool(h100.id(), cloud, ClusterName.of(prefix + "-cl"), "h100", "H100", 4, 96, true));
        for (Pool pool : List.of(a100, h100)) {
            commands.sendAndWait(new AddNormalisationFactor(pool.id(), PAST_START, pool.factor()));
        }
        commands.sendAndWait(new AddPrice(h100.id(), PAST_START, h100.price()));
        Audience[] audiences = Audience.values();
        List<ProjectId> projects = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProjectId project = ProjectId.of(prefix + "-project-" + i);
            projects.add(project);
            commands.sendAndWait(new RegisterProject(project, "Project " + i, "PI " + i, "Lab " + i,
                    audiences[i % audiences.length], i % 2 == 0 ? "life sciences" : "climate",
                    i == 2 ? AccessMode.PAID : AccessMode.GENCI_DYNAMIC));
        }
        for (int i = 0; i < 6; i++) {
            Pool pool = i % 2 == 0 ? a100 : h100;
            boolean past = i >= 4;
            Allocation allocation = new Allocation(AllocationId.of(prefix + "-alloc-" + i), pool,
                    past ? PAST_START : YEAR_START, past ? PAST_END : YEAR_END);
            commands.sendAndWait(new GrantAllocation(allocation.id(), projects.get(i % projects.size()), pool.id(),
                    i == 3 ? FundingSource.PRIVATE_CONTRACT : FundingSource.GENCI,
                    GpuSeconds.ofHours(1_000 + 500L * i), allocation.periodStart(), allocation.periodEnd(), 25,
                    SchedulerAccount.of(prefix + "-account-" + i % ACCOUNTS)));
            allocations.add(allocation);
        }
    }

    /** One random operation; returns a short description for failure messages. */
    String step() {
        if (performed >= STEPS_MAX) {
            throw new IllegalStateException("a workload performs at most " + STEPS_MAX + " steps");
        }
        performed++;
        Allocation allocation = allocations.get(random.nextInt(allocations.size()));
        int dice = random.nextInt(100);
        try {
            if (dice < 40) {
                return consume(allocation);
            } else if (dice < 50) {
                return supplement(allocation);
            } else if (dice < 62) {
                return refund();
            } else if (dice < 77) {
                return transfer(allocation, allocations.get(random.nextInt(allocations.size())));
            } else if (dice < 85) {
                return warnOrClawBack(allocation);
            } else if (dice < 90) {
                return suspendOrResume(allocation);
            } else {
                return expire(allocation);
            }
        } catch (RuntimeException refusal) {
            refused++;
            return "refused: " + refusal.getMessage();
        }
    }

    private String consume(Allocation allocation) {
        int jobs = 1 + random.nextInt(4);
        List<Charge> batch = new ArrayList<>(jobs);
        long periodSeconds = Duration.between(allocation.periodStart(), allocation.periodEnd()).toSeconds();
        for (int job = 0; job < jobs; job++) {
            long elapsed = 60 + random.nextInt(36_000);
            int gpus = 1 + random.nextInt(8);
            Instant end = allocation.periodStart().plusSeconds(elapsed + (long) (random.nextDouble() * (periodSeconds - elapsed - 1)));
            String jobId = String.valueOf(++ids);
            batch.add(new Charge(UsageRecordId.of("rec-" + allocation.id().value() + "-" + jobId), ClusterName.of("c"),
                    jobId, "user", "p", gpus, end.minusSeconds(elapsed), end, elapsed,
                    allocation.pool().factor(), allocation.pool().price()));
        }
        commands.sendAndWait(new RecordConsumption(allocation.id(), batch));
        BookedCharges.book(sql, allocation.id(), batch);
        batch.forEach(charge -> charges.add(new RecordedCharge(allocation, charge)));
        return "consume " + jobs + " jobs on " + allocation.id();
    }

    private String supplement(Allocation allocation) {
        commands.sendAndWait(new SupplementAllocation(allocation.id(), SupplementId.of("sup-" + (++ids)),
                GpuSeconds.ofHours(10 + random.nextInt(200)), "more"));
        return "supplement " + allocation.id();
    }

    private String refund() {
        if (charges.isEmpty()) {
            return "no charge to refund";
        }
        RecordedCharge recorded = charges.remove(random.nextInt(charges.size()));
        Charge charge = recorded.charge();
        GpuSeconds part = GpuSeconds.of(1 + random.nextInt((int) Math.min(charge.gpuSeconds().value(), 100_000)));
        commands.sendAndWait(new RefundUsageRecord(charge.recordId(), RefundId.of("ref-" + (++ids)), part,
                "node failure"));
        return "refund " + part + " on " + recorded.allocation().id();
    }

    /** The ledger converts through the normalisation factors in force and rounds down to whole seconds. */
    private String transfer(Allocation from, Allocation to) {
        if (from.equals(to)) {
            return "no transfer to itself";
        }
        GpuSeconds debit = GpuSeconds.of(1 + random.nextInt(50_000));
        commands.sendAndWait(new TransferHours(TransferId.of("tr-" + (++ids)), from.id(), to.id(), debit, "moved"));
        return "transfer " + debit + " from " + from.id() + " to " + to.id();
    }

    private String warnOrClawBack(Allocation allocation) {
        Instant warnedAt = allocation.periodStart().plus(Duration.ofDays(40));
        if (!warned.contains(allocation)) {
            commands.sendAndWait(new WarnUnderConsumption(allocation.id(), WarningId.of("warn-" + (++ids)), warnedAt,
                    "behind the expected pace"));
            warned.add(allocation);
            return "warn " + allocation.id();
        }
        commands.sendAndWait(new ClawBackAllocation(allocation.id(), ClawbackId.of("claw-" + (++ids)),
                GpuSeconds.ofHours(1 + random.nextInt(50)), warnedAt.plus(Duration.ofDays(31)), "under-consumption"));
        return "claw back " + allocation.id();
    }

    private String suspendOrResume(Allocation allocation) {
        if (random.nextBoolean()) {
            commands.sendAndWait(new SuspendAllocation(allocation.id(), "audit"));
            return "suspend " + allocation.id();
        }
        commands.sendAndWait(new ResumeAllocation(allocation.id(), "audit done"));
        return "resume " + allocation.id();
    }

    private String expire(Allocation allocation) {
        if (allocation.periodEnd().isAfter(Instant.parse("2026-01-01T00:00:00Z"))) {
            return "not expiring " + allocation.id();
        }
        commands.sendAndWait(new ExpireAllocation(allocation.id(), allocation.periodEnd()));
        return "expire " + allocation.id();
    }
}
