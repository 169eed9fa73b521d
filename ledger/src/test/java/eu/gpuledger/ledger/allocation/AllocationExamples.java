package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.ProjectRegistered;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.usage.UsageRecordId;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One allocation of 100 GPU-hours on Jean Zay's H100 pool for the regular-access year May 2025 – April 2026. */
final class AllocationExamples {

    static final AllocationId ALLOCATION = AllocationId.of("2025-A0191012641-h100");
    static final AllocationId OTHER_ALLOCATION = AllocationId.of("2025-AD011014949-a100");
    static final ProjectId PROJECT = ProjectId.of("2025-A0191012641");
    static final PoolId POOL = PoolId.of("jean-zay-gpu_p6");
    static final Instant PERIOD_START = Instant.parse("2025-05-01T00:00:00Z");
    static final Instant PERIOD_END = Instant.parse("2026-05-01T00:00:00Z");
    static final Instant MID_PERIOD = Instant.parse("2025-11-01T00:00:00Z");
    static final long GRANTED_HOURS = 100;
    static final int MARGIN_PERCENT = GrantAllocation.DEFAULT_OVER_CONSUMPTION_PERCENT;

    private AllocationExamples() {
    }

    static ProjectRegistered projectRegistered() {
        return new ProjectRegistered(PROJECT, "Foundation models for climate", "A. Turing", "CNRS", Audience.ACADEMIC,
                "climate", AccessMode.GENCI_REGULAR);
    }

    static PoolRegistered poolRegistered() {
        return new PoolRegistered(POOL, ProviderId.of("idris"), ClusterName.of("jean-zay"), "gpu_p6", "H100", 4, 96,
                true);
    }

    /** The directory as a grant of this allocation finds it: its project and pool are known, nothing else. */
    static InMemoryDirectory directory() {
        return new InMemoryDirectory().record(projectRegistered(), poolRegistered());
    }

    static AggregateTestFixture<Allocation> fixture() {
        return fixture(directory());
    }

    static AggregateTestFixture<Allocation> fixture(InMemoryDirectory directory) {
        AggregateTestFixture<Allocation> fixture = new AggregateTestFixture<>(Allocation.class);
        fixture.registerInjectableResource(ClawbackPolicy.standard());
        fixture.registerInjectableResource(directory);
        fixture.registerAnnotatedCommandHandler(new AskedOfAnAllocation(fixture.getRepository()));
        return fixture;
    }

    static GpuSeconds hours(long hours) {
        return GpuSeconds.ofHours(hours);
    }

    static GrantAllocation grant(long hours) {
        return grant(hours, MARGIN_PERCENT);
    }

    static GrantAllocation grant(long hours, int marginPercent) {
        return new GrantAllocation(ALLOCATION, PROJECT, POOL, FundingSource.GENCI, hours(hours), PERIOD_START,
                PERIOD_END, marginPercent, SchedulerAccount.of("nxk@h100"));
    }

    static AllocationGranted granted() {
        return granted(GRANTED_HOURS, MARGIN_PERCENT);
    }

    static AllocationGranted granted(long hours, int marginPercent) {
        GrantAllocation command = grant(hours, marginPercent);
        return new AllocationGranted(command.allocationId(), command.projectId(), command.poolId(),
                command.fundingSource(), command.granted(), command.periodStart(), command.periodEnd(),
                command.overConsumptionPercent(), command.schedulerAccount());
    }

    /** A one-GPU job of {@code hours} hours that ended at {@code end}. */
    static Charge job(String recordId, long hours, Instant end) {
        long elapsedSeconds = hours * GpuSeconds.SECONDS_PER_HOUR;
        return new Charge(UsageRecordId.of(recordId), ClusterName.of("jean-zay"), recordId, "alice", "gpu_p6", 1,
                end.minusSeconds(elapsedSeconds), end, elapsedSeconds, NormalisationFactor.of("4"), null);
    }

    static Charge job(String recordId, long hours) {
        return job(recordId, hours, MID_PERIOD);
    }

    static RecordConsumption consume(Charge... charges) {
        return new RecordConsumption(ALLOCATION, List.of(charges));
    }

    static ConsumptionRecorded consumed(Charge... charges) {
        return new ConsumptionRecorded(ALLOCATION, List.of(charges));
    }

    static UsageThresholdCrossed crossed(UsageThreshold threshold, long netConsumedHours, long entitlementHours) {
        return new UsageThresholdCrossed(ALLOCATION, threshold, hours(netConsumedHours), hours(entitlementHours));
    }

    static AllocationStandingChanged standing(Standing from, Standing to, long netConsumedHours,
                                              long entitlementHours) {
        return new AllocationStandingChanged(ALLOCATION, from, to, hours(netConsumedHours), hours(entitlementHours));
    }

    static Instant daysAfterStart(long days) {
        return PERIOD_START.plus(Duration.ofDays(days));
    }
}
