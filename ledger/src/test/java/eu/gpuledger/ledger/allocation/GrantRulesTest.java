package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.directory.OverlappingAllocation;
import eu.gpuledger.ledger.refusal.UnknownReference;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static eu.gpuledger.ledger.allocation.AllocationExamples.*;

/**
 * A grant is checked against the rest of the ledger before it is applied: its project and pool exist, and no other
 * allocation of its pool and scheduler account overlaps its period (each job must map to exactly one allocation).
 */
class GrantRulesTest {

    /** Another allocation of the same project, pool and scheduler account (nxk@h100). */
    private static AllocationGranted other(Instant start, Instant end) {
        AllocationGranted grant = granted();
        return new AllocationGranted(OTHER_ALLOCATION, grant.projectId(), grant.poolId(), grant.fundingSource(),
                grant.granted(), start, end, grant.overConsumptionPercent(), grant.schedulerAccount());
    }

    @Test
    void a_grant_on_a_project_the_ledger_does_not_know_is_refused() {
        fixture(new InMemoryDirectory().record(poolRegistered()))
                .givenNoPriorActivity()
                .when(grant(GRANTED_HOURS))
                .expectException(UnknownReference.class)
                .expectExceptionMessage("projectId '" + PROJECT + "' is not known to the ledger")
                .expectNoEvents();
    }

    @Test
    void a_grant_on_a_pool_the_ledger_does_not_know_is_refused() {
        fixture(new InMemoryDirectory().record(projectRegistered()))
                .givenNoPriorActivity()
                .when(grant(GRANTED_HOURS))
                .expectException(UnknownReference.class)
                .expectExceptionMessage("poolId '" + POOL + "' is not known to the ledger")
                .expectNoEvents();
    }

    @Test
    void a_grant_overlapping_another_of_its_pool_and_scheduler_account_is_refused() {
        fixture(directory().record(other(PERIOD_END.minusSeconds(1), PERIOD_END.plusSeconds(86_400))))
                .givenNoPriorActivity()
                .when(grant(GRANTED_HOURS))
                .expectException(OverlappingAllocation.class)
                .expectNoEvents();
    }

    @Test
    void a_grant_that_starts_where_another_of_its_pool_and_account_ends_is_granted() {
        fixture(directory().record(other(PERIOD_END, PERIOD_END.plusSeconds(86_400))))
                .givenNoPriorActivity()
                .when(grant(GRANTED_HOURS))
                .expectEvents(granted());
    }
}
