package eu.gpuledger.server.projection;

import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.SupplementAllocation;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SupplementId;
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
import eu.gpuledger.projections.balance.BalanceQueries;
import eu.gpuledger.projections.journal.JournalQueries;
import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STACK.md trap 6: sequence values are taken before commit, so an event whose transaction commits late has a lower
 * global index than events the processors have already handled. Axon's gap-aware token must keep that gap open and
 * project the event once it commits (within the gap timeout, 60 s by default; here about 5 s).
 */
@LedgerIntegrationTest
class LateCommittingEventTest {

    private static final Duration HELD_OPEN = Duration.ofSeconds(5);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2027-01-01T00:00:00Z");

    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    BalanceQueries balances;
    @Autowired
    JournalQueries journal;
    @Autowired
    ProjectionLag lag;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    DSLContext sql;

    @Test
    void an_event_whose_transaction_commits_late_is_still_projected() throws Exception {
        commands.sendAndWait(new RegisterProvider(ProviderId.of("late"), "Late", ProviderKind.PUBLIC, false, null));
        commands.sendAndWait(new DeclareCluster(ClusterName.of("late-c"), ProviderId.of("late"), ZoneId.of("UTC")));
        commands.sendAndWait(new RegisterPool(PoolId.of("late-pool"), ProviderId.of("late"), ClusterName.of("late-c"),
                "gpu", "A100", 8, 64, true));
        commands.sendAndWait(new RegisterProject(ProjectId.of("late-project"), "t", "pi", "org", Audience.ACADEMIC,
                "physics", AccessMode.GENCI_DYNAMIC));
        AllocationId late = grant("late-alloc");
        AllocationId busy = grant("busy-alloc");
        ProjectionCatchUp.await(lag, rebuilds);
        long headBefore = head();

        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> lateTransaction = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                status -> {
                    commands.sendAndWait(new SupplementAllocation(late, SupplementId.of("late-supplement"),
                            GpuSeconds.ofHours(7), "committed late"));
                    appended.countDown();
                    await(commit);
                }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).as("the late event was appended").isTrue();
        long openedAt = System.nanoTime();

        int busySupplements = 0;
        while (System.nanoTime() - openedAt < HELD_OPEN.toNanos()) {
            commands.sendAndWait(new SupplementAllocation(busy, SupplementId.of("busy-" + busySupplements),
                    GpuSeconds.ofHours(1), "meanwhile"));
            busySupplements++;
            ProjectionCatchUp.await(lag, rebuilds);
        }
        assertThat(busySupplements).isPositive();
        assertThat(balances.balance(busy).orElseThrow().supplemented()).isEqualTo(GpuSeconds.ofHours(busySupplements));
        assertThat(balances.balance(late).orElseThrow().supplemented()).as("not committed yet").isEqualTo(GpuSeconds.ZERO);
        assertThat(head()).as("later events have higher indexes").isGreaterThan(headBefore + 1);

        commit.countDown();
        lateTransaction.get(10, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (balances.balance(late).orElseThrow().supplemented().isZero() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(balances.balance(late).orElseThrow().supplemented()).isEqualTo(GpuSeconds.ofHours(7));
        ProjectionCatchUp.await(lag, rebuilds);
        String lateSupplements = " FROM journal_entry JOIN journal_allocation USING (allocation_no)"
                + " WHERE allocation_id = 'late-alloc' AND movement = 'SUPPLEMENTED'";
        assertThat(sql.fetchSingle("SELECT count(*)" + lateSupplements).get(0, Integer.class))
                .as("journalled too").isEqualTo(1);
        assertThat(sql.fetchSingle("SELECT min(global_index)" + lateSupplements).get(0, Long.class))
                .as("with the event's own global index")
                .isEqualTo(sql.fetchSingle("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = "
                        + "'late-alloc' AND payload_type LIKE '%AllocationSupplemented'").get(0, Long.class))
                .isLessThanOrEqualTo(head() - busySupplements);
        assertThat(journal.trialBalance(null, null).isBalanced()).isTrue();
    }

    private AllocationId grant(String id) {
        AllocationId allocationId = AllocationId.of(id);
        commands.sendAndWait(new GrantAllocation(allocationId, ProjectId.of("late-project"), PoolId.of("late-pool"),
                FundingSource.GENCI, GpuSeconds.ofHours(100), START, END, 25, null));
        return allocationId;
    }

    private long head() {
        return sql.fetchSingle("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").get(0, Long.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the late transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
