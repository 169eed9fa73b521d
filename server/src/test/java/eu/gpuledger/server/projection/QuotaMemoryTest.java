package eu.gpuledger.server.projection;

import eu.gpuledger.ledger.allocation.AllocationClawedBack;
import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationResumed;
import eu.gpuledger.ledger.allocation.AllocationStandingChanged;
import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.allocation.AllocationSuspended;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.ledger.allocation.TransferCredited;
import eu.gpuledger.ledger.allocation.TransferDebitReversed;
import eu.gpuledger.ledger.allocation.TransferDebited;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.SchedulerAccount;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.quota.QuotaMemory;
import eu.gpuledger.projections.quota.QuotaQueries;
import eu.gpuledger.projections.quota.QuotaQueries.Decision;
import eu.gpuledger.projections.quota.QuotaQueries.QuotaAnswer;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;
import eu.gpuledger.server.support.SecondNode;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The quota hooks' memory (docs/quota.md) against the balance view it stands for, over a random workload on a
 * real PostgreSQL, on two nodes: answers equal to the database's after every step; a node started on an existing
 * ledger loads the balance view and then follows the events; a replay from the first event gives the same memory;
 * and how long after a consumption's commit each node's answer changes (printed, not asserted).
 */
@LedgerIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaMemoryTest {

    private static final long SEED = 20261204L;
    private static final int STEPS = 80;
    private static final String PREFIX = "qm";
    private static final List<String> CLUSTERS = List.of(PREFIX + "-jz", PREFIX + "-cl");
    private static final List<Optional<String>> PARTITIONS = List.of(Optional.empty(), Optional.of("gpu_p5"),
            Optional.of("h100"));
    /** Instants the answers are compared at: now (this year's allocations) and within last year's. */
    private static final List<Instant> ATS = List.of(Instant.parse("2025-03-01T00:00:00Z"));
    private static final int STALENESS_SAMPLES = 100;
    /** How often the staleness test asks both memories: the resolution of its figures. */
    private static final Duration POLL = Duration.ofNanos(250_000);
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(30);
    /** The events the quota memory handles. */
    private static final List<Class<?>> MEMORY_EVENTS = List.of(AllocationGranted.class,
            AllocationSupplemented.class, ConsumptionRecorded.class, ConsumptionRefunded.class, TransferDebited.class,
            TransferCredited.class, TransferDebitReversed.class, AllocationClawedBack.class, AllocationExpired.class,
            AllocationStandingChanged.class, AllocationSuspended.class, AllocationResumed.class,
            PoolRegistered.class);

    @Autowired
    CommandGateway commands;
    @Autowired
    DSLContext sql;
    @Autowired
    QuotaMemory memory;
    @Autowired
    QuotaQueries database;
    @Autowired
    ProjectionLag lag;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Environment environment;

    private RandomWorkload workload;
    private ConfigurableApplicationContext secondNode;

    @AfterAll
    void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    @Order(1)
    void the_memory_answers_every_account_as_the_balance_view_after_every_step() {
        int heldBefore = memory.allocationsHeld(); // the database may hold other tests' allocations
        workload = new RandomWorkload(commands, sql, SEED);
        workload.setUp(PREFIX);
        Set<Decision> seen = EnumSet.noneOf(Decision.class);
        for (int step = 0; step < STEPS; step++) {
            String done = workload.step();
            caughtUp(processing);
            seen.addAll(assertSameAnswers(memory, "after step " + step + " (" + done + ")"));
        }
        overConsume(PREFIX + "-alloc-0");
        caughtUp(processing);
        seen.addAll(assertSameAnswers(memory, "after over-consumption"));
        assertThat(memory.allocationsHeld()).as("allocations with a scheduler account").isEqualTo(heldBefore + 6);
        assertThat(seen).as("decisions of allocations in force met along the way")
                .contains(Decision.ALLOW, Decision.DENY);
    }

    @Test
    @Order(2)
    void a_node_started_on_an_existing_ledger_loads_the_balance_view_then_follows_the_events() {
        secondNode = SecondNode.start(environment);
        QuotaMemory secondMemory = secondNode.getBean(QuotaMemory.class);
        EventProcessingConfiguration secondProcessing = secondNode.getBean(EventProcessingConfiguration.class);
        caughtUp(secondProcessing);
        assertThat(secondMemory.allocationsHeld()).isEqualTo(memory.allocationsHeld());
        assertSameAnswers(secondMemory, "second node, at start");

        for (int step = 0; step < 15; step++) {
            String done = workload.step();
            caughtUp(processing);
            caughtUp(secondProcessing);
            assertSameAnswers(memory, "first node after " + done);
            assertSameAnswers(secondMemory, "second node after " + done);
        }
    }

    @Test
    @Order(3)
    void how_long_after_a_consumption_commits_each_node_answers_with_it() {
        commands.sendAndWait(new GrantAllocation(AllocationId.of(PREFIX + "-stale"),
                ProjectId.of(PREFIX + "-project-0"), PoolId.of(PREFIX + "-a100"), FundingSource.GENCI,
                GpuSeconds.ofHours(1_000_000), RandomWorkload.YEAR_START, RandomWorkload.YEAR_END, 25,
                SchedulerAccount.of("stale@a100")));
        QuotaMemory secondMemory = secondNode.getBean(QuotaMemory.class);
        caughtUp(processing);
        caughtUp(secondNode.getBean(EventProcessingConfiguration.class));
        List<Long> firstNanos = new ArrayList<>();
        List<Long> secondNanos = new ArrayList<>();
        long consumed = 0;
        for (int sample = 0; sample < STALENESS_SAMPLES; sample++) {
            long gpuSeconds = 3_600 + sample;
            consumed += gpuSeconds;
            consume(PREFIX + "-stale", "stale-" + sample, gpuSeconds);
            long committed = System.nanoTime();
            long expectedBalance = GpuSeconds.ofHours(1_000_000).value() - consumed;
            boolean onFirst = false;
            boolean onSecond = false;
            long deadline = committed + 10_000_000_000L;
            while (!(onFirst && onSecond)) {
                if (!onFirst && balanceOf(memory) == expectedBalance) {
                    firstNanos.add(System.nanoTime() - committed);
                    onFirst = true;
                }
                if (!onSecond && balanceOf(secondMemory) == expectedBalance) {
                    secondNanos.add(System.nanoTime() - committed);
                    onSecond = true;
                }
                assertThat(System.nanoTime() - deadline).as("answers changed within 10 s").isNegative();
                // a pause rather than a spin: on two cores a spinning test takes the CPU from the processors
                LockSupport.parkNanos(POLL.toNanos());
            }
        }
        System.out.printf("quota memory staleness over %d consumptions: node that committed median %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms; other node median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                STALENESS_SAMPLES, percentileMillis(firstNanos, 50), percentileMillis(firstNanos, 99),
                percentileMillis(firstNanos, 100), percentileMillis(secondNanos, 50),
                percentileMillis(secondNanos, 99), percentileMillis(secondNanos, 100));
        assertThat(firstNanos).hasSize(STALENESS_SAMPLES);
        assertThat(secondNanos).hasSize(STALENESS_SAMPLES);
    }

    @Test
    @Order(4)
    void replayed_from_the_first_event_the_memory_answers_the_same() {
        StreamingEventProcessor processor = processing.eventProcessor(QuotaMemory.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        int held = memory.allocationsHeld();
        processor.shutDown();
        assertThatThrownBy(processor::resetTokens).as("a reset to the start token would count the view twice")
                .hasStackTraceContaining("only at start");
        processor.resetTokens(StreamableMessageSource::createTailToken);
        assertThat(memory.allocationsHeld()).as("emptied by the reset").isZero();
        processor.start();
        caughtUp(processing);
        assertThat(memory.allocationsHeld()).isEqualTo(held);
        assertSameAnswers(memory, "replayed from the first event");
    }

    /**
     * Every account's answer on every cluster and partition, and the blocked lists, as the database gives them; the
     * decisions given for allocations in force.
     */
    private Set<Decision> assertSameAnswers(QuotaMemory quotas, String when) {
        Set<Decision> decisions = EnumSet.noneOf(Decision.class);
        List<Instant> ats = new ArrayList<>(ATS);
        ats.add(Instant.now());
        for (Instant at : ats) {
            for (String cluster : CLUSTERS) {
                for (int account = 0; account <= RandomWorkload.ACCOUNTS; account++) {
                    String name = PREFIX + "-account-" + account; // the last one has no allocation
                    for (Optional<String> partition : PARTITIONS) {
                        QuotaAnswer expected = database.decide(cluster, name, partition, at);
                        assertThat(quotas.decide(cluster, name, partition, at))
                                .as("%s: %s on %s %s at %s", when, name, cluster, partition, at).isEqualTo(expected);
                        if (expected.allocationId() != null) {
                            decisions.add(expected.decision());
                        }
                    }
                }
                assertThat(quotas.blockedAccounts(cluster, at)).as("%s: blocked on %s at %s", when, cluster, at)
                        .isEqualTo(database.blockedAccounts(cluster, at));
            }
        }
        return decisions;
    }

    /**
     * Waits until the read models (their tokens are shared) and the node's own quota memory have processed every
     * event the memory handles.
     */
    private void caughtUp(EventProcessingConfiguration nodeProcessing) {
        ProjectionCatchUp.await(lag, rebuilds);
        Long target = sql.fetchOne("SELECT max(global_index) FROM domain_event_entry WHERE payload_type = ANY(?)",
                (Object) MEMORY_EVENTS.stream().map(Class::getName).toArray(String[]::new)).get(0, Long.class);
        if (target == null) {
            return;
        }
        StreamingEventProcessor processor = nodeProcessing.eventProcessor(QuotaMemory.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        long deadline = System.nanoTime() + CATCH_UP_MAX.toNanos();
        while (!covers(processor, target)) {
            assertThat(System.nanoTime() - deadline).as("quota memory at event %d within %s", target, CATCH_UP_MAX)
                    .isNegative();
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    private static boolean covers(StreamingEventProcessor processor, long index) {
        var status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(segment -> {
            TrackingToken position = segment.getTrackingToken() == null ? null
                    : WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            return position instanceof GapAwareTrackingToken gapAware && gapAware.getIndex() >= index
                    && !gapAware.getGaps().contains(index);
        });
    }

    /** Consumption beyond the effective allocation (entitlement + 25%) of this year's allocation: twice it. */
    private void overConsume(String allocationId) {
        long entitlement = sql.fetchOne("SELECT granted + supplemented + transferred_in - transferred_out"
                + " - clawed_back FROM allocation_balance WHERE allocation_id = ?", allocationId).get(0, Long.class);
        consume(allocationId, "over-" + allocationId, 2 * Math.max(1, entitlement) + 3_600);
    }

    private void consume(String allocationId, String jobId, long gpuSeconds) {
        Instant end = Instant.now().minusSeconds(3_600);
        commands.sendAndWait(new RecordConsumption(AllocationId.of(allocationId), List.of(new Charge(
                UsageRecordId.of("rec-" + jobId), ClusterName.of(PREFIX + "-jz"), jobId, "user", "p", 1,
                end.minusSeconds(gpuSeconds), end, gpuSeconds, NormalisationFactor.of("2"), null))));
    }

    private static long balanceOf(QuotaMemory quotas) {
        return quotas.decide(PREFIX + "-jz", "stale@a100", Optional.empty(), Instant.now()).balance().value();
    }

    private static double percentileMillis(List<Long> nanos, int percentile) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, rank)) / 1_000_000.0;
    }

}
