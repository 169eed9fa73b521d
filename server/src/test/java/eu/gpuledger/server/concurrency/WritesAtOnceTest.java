package eu.gpuledger.server.concurrency;

import eu.gpuledger.ledger.allocation.Allocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterProvider;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.directory.OverlappingAllocation;
import eu.gpuledger.ledger.directory.PartitionAlreadyPooled;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.RegisterProject;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.transfer.TransferCommands.TransferHours;
import eu.gpuledger.ledger.transfer.TransferId;
import eu.gpuledger.ledger.transfer.TransferState;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that meet on the same records at the same time, on the real stack and PostgreSQL: transfers both ways
 * between two allocations (their lock order keeps them from deadlocking), and the checks across records that hold
 * under concurrency (two overlapping grants, two pools on one partition: one passes, the other is refused).
 */
@LedgerIntegrationTest
class WritesAtOnceTest {

    private static final int WRITERS = 4;
    private static final Instant START = Instant.parse("2036-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2037-01-01T00:00:00Z");
    private static final ProviderId PROVIDER = ProviderId.of("wao-provider");
    private static final ClusterName CLUSTER = ClusterName.of("wao-cluster");
    private static final PoolId POOL = PoolId.of("wao-pool");
    private static final ProjectId PROJECT = ProjectId.of("wao-project");

    @Autowired
    CommandGateway commands;
    @Autowired
    DSLContext sql;
    @Autowired
    Configuration axon;

    @BeforeEach
    void catalogue() {
        commands.sendAndWait(new RegisterProvider(PROVIDER, "WAO", ProviderKind.PUBLIC, false, null));
        commands.sendAndWait(new RegisterPool(POOL, PROVIDER, CLUSTER, "wao-h100", "H100", 4, 96, true));
        commands.sendAndWait(new RegisterProject(PROJECT, "WAO", "PI", "Lab", Audience.ACADEMIC, "AI",
                AccessMode.GENCI_DYNAMIC));
    }

    private GrantAllocation grant(String allocationId, Instant start, Instant end, String account) {
        return new GrantAllocation(AllocationId.of(allocationId), PROJECT, POOL, FundingSource.GENCI,
                GpuSeconds.ofHours(1_000), start, end, 25, account == null ? null : SchedulerAccount.of(account));
    }

    /** Runs the writers together (released at once) and returns each one's outcome: its result or its failure. */
    private static <T> List<Object> atOnce(List<Callable<T>> writers) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> writer : writers) {
                running.add(threads.submit(() -> {
                    start.await();
                    return writer.call();
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<T> writer : running) {
                try {
                    outcomes.add(writer.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException failed) {
                    outcomes.add(failed.getCause());
                }
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private GpuSeconds balanceOf(String allocationId) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> axon.repository(Allocation.class)
                .load(allocationId).invoke(Allocation::balance)).getPayload();
    }

    @Test
    void transfers_both_ways_between_two_allocations_at_once_all_settle_without_deadlock() throws Exception {
        commands.sendAndWait(grant("wao-a", START, END, null));
        commands.sendAndWait(grant("wao-b", START, END, null));
        int each = 10;
        List<Callable<List<TransferState>>> writers = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            boolean aToB = writer % 2 == 0;
            int number = writer;
            writers.add(() -> {
                List<TransferState> states = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    states.add(commands.sendAndWait(new TransferHours(TransferId.of("wao-t-" + number + "-" + i),
                            AllocationId.of(aToB ? "wao-a" : "wao-b"), AllocationId.of(aToB ? "wao-b" : "wao-a"),
                            GpuSeconds.ofHours(1), "both ways at once")));
                }
                return states;
            });
        }

        List<Object> outcomes = atOnce(writers);

        assertThat(outcomes).as("every writer finished, none failed (no deadlock, no lost race)")
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(List.class));
        List<Object> states = outcomes.stream().flatMap(outcome -> ((List<?>) outcome).stream())
                .map(Object.class::cast).toList();
        assertThat(states).hasSize(WRITERS * each).containsOnly(TransferState.COMPLETED);
        assertThat(balanceOf("wao-a")).as("as many hours in as out, one pool: 1:1")
                .isEqualTo(GpuSeconds.ofHours(1_000));
        assertThat(balanceOf("wao-b")).isEqualTo(GpuSeconds.ofHours(1_000));
        assertThat(sql.fetchCount(sql.selectFrom("domain_event_entry").where("payload_type LIKE '%TransferCompleted'"
                + " AND aggregate_identifier LIKE 'wao-t-%'"))).isEqualTo(WRITERS * each);
    }

    @Test
    void overlapping_grants_at_once_grant_one_and_refuse_the_others() throws Exception {
        List<Callable<Object>> writers = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            String allocationId = "wao-overlap-" + writer;
            writers.add(() -> commands.sendAndWait(grant(allocationId, START.plusSeconds(writer(allocationId)), END,
                    "wao@h100")));
        }

        List<Object> outcomes = atOnce(writers);

        assertThat(outcomes).filteredOn(OverlappingAllocation.class::isInstance).hasSize(WRITERS - 1);
        assertThat(sql.fetchCount(sql.selectFrom("directory_allocation")
                .where("scheduler_account = 'wao@h100'"))).isOne();
        assertThat(sql.fetchCount(sql.selectFrom("domain_event_entry")
                .where("aggregate_identifier LIKE 'wao-overlap-%'"))).isOne();
    }

    private static long writer(String allocationId) {
        return Long.parseLong(allocationId.substring(allocationId.lastIndexOf('-') + 1));
    }

    @Test
    void pools_on_one_partition_at_once_register_one_and_refuse_the_others() throws Exception {
        List<Callable<Object>> writers = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            PoolId pool = PoolId.of("wao-partition-" + writer);
            writers.add(() -> commands.sendAndWait(new RegisterPool(pool, PROVIDER, CLUSTER, "wao-shared", "A100", 8,
                    64, true)));
        }

        List<Object> outcomes = atOnce(writers);

        assertThat(outcomes).filteredOn(PartitionAlreadyPooled.class::isInstance).hasSize(WRITERS - 1);
        assertThat(sql.fetchCount(sql.selectFrom("directory_pool").where("partition = 'wao-shared'"))).isOne();
    }
}
