package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.directory.OverlappingAllocation;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;

/**
 * What a grant must be before it is applied: well formed, on a project and a pool the ledger knows (DOMAIN.md rule
 * 1), and alone on its pool and scheduler account over its period, so that each job maps to exactly one allocation.
 */
final class GrantRules {

    private GrantRules() {
    }

    static void assertValid(GrantAllocation command) {
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

    static void assertKnownProjectAndPool(GrantAllocation command, Directory directory) {
        if (!directory.projectExists(command.projectId())) {
            throw new UnknownReference("projectId", command.projectId().value());
        }
        if (!directory.poolExists(command.poolId())) {
            throw new UnknownReference("poolId", command.poolId().value());
        }
    }

    /** Only grants with a scheduler account take jobs from the scheduler; those without take usage by API only. */
    static void assertNoOverlappingGrant(GrantAllocation command, Directory directory) {
        if (command.schedulerAccount() == null) {
            return;
        }
        directory.allocationOverlapping(command.allocationId(), command.poolId(), command.schedulerAccount(),
                        command.periodStart(), command.periodEnd())
                .ifPresent(other -> {
                    throw new OverlappingAllocation("scheduler account " + command.schedulerAccount() + " on pool "
                            + command.poolId() + " already has allocation " + other + " overlapping ["
                            + command.periodStart() + ", " + command.periodEnd()
                            + "): a job must map to exactly one allocation");
                });
    }
}
