package eu.gpuledger.server.projection;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.projections.balance.BalanceQueries;
import eu.gpuledger.projections.balance.BalanceView;
import eu.gpuledger.projections.journal.AllocationNotGrantedYet;
import eu.gpuledger.projections.journal.BalanceHistory;
import eu.gpuledger.projections.journal.JournalQueries;
import eu.gpuledger.projections.journal.LedgerAccount;
import eu.gpuledger.projections.journal.TrialBalance;
import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;
import eu.gpuledger.projections.rebuild.RebuildProgress;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projections against a random workload on a real PostgreSQL: the books balance after every step, a rebuild
 * from the event store reproduces the live tables exactly, and past balances agree with an independent replay.
 */
@LedgerIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionsOverARandomWorkloadTest {

    private static final long SEED = 20261001L;
    private static final int STEPS = 120;

    @Autowired
    CommandGateway commands;
    @Autowired
    JournalQueries journal;
    @Autowired
    BalanceQueries balances;
    @Autowired
    BalanceHistory history;
    @Autowired
    ProjectionLag lag;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    DSLContext sql;

    @Test
    @Order(1)
    void the_trial_balance_is_balanced_after_every_step_and_allocation_accounts_equal_the_balance_view() {
        RandomWorkload workload = new RandomWorkload(commands, sql, SEED);
        workload.setUp("tb");
        for (int step = 0; step < STEPS; step++) {
            String done = workload.step();
            ProjectionCatchUp.await(lag, rebuilds);
            TrialBalance trialBalance = journal.trialBalance(null, null);
            assertThat(trialBalance.totalDebits()).as("after step %d (%s)", step, done)
                    .isEqualTo(trialBalance.totalCredits());
            assertThat(trialBalance.accounts()).as("after step %d", step).allSatisfy(account ->
                    assertThat(account.debits().value() + account.credits().value()).isNotNegative());
        }
        assertThat(workload.performed - workload.refused).as("steps that moved something").isGreaterThan(STEPS / 2);

        Map<String, TrialBalance.AccountTotals> accounts = new LinkedHashMap<>();
        journal.trialBalance(null, null).accounts().forEach(account -> accounts.put(account.account(), account));
        for (RandomWorkload.Allocation allocation : workload.allocations()) {
            BalanceView view = balances.balance(allocation.id()).orElseThrow();
            assertThat(accounts.get(LedgerAccount.allocation(allocation.id().value())).balance())
                    .as("journal balance of %s", allocation.id()).isEqualTo(view.balance());
        }
        assertThat(accounts).containsKeys("funding:GENCI", "consumption:tb-a100", "consumption:tb-h100",
                LedgerAccount.TRANSFER_EXCHANGE);
    }

    @Test
    @Order(2)
    void rebuilding_every_projection_from_the_event_store_gives_tables_identical_to_the_live_ones() {
        RandomWorkload workload = new RandomWorkload(commands, sql, SEED + 1);
        workload.setUp("rb");
        for (int step = 0; step < STEPS; step++) {
            workload.step();
        }
        ProjectionCatchUp.await(lag, rebuilds);
        Map<String, String> live = hashes();
        Map<String, List<String>> liveIndexes = new LinkedHashMap<>();
        ProjectionTables.ALL.forEach(table -> liveIndexes.put(table, ProjectionTables.indexes(sql, table)));
        assertThat(live).allSatisfy((table, hash) -> assertThat(sql.fetchCount(sql.selectFrom(table)))
                .as("rows in %s", table).isPositive());

        for (String name : rebuilds.names()) {
            RebuildProgress progress = rebuilds.rebuildNow(name);
            assertThat(progress.phase()).as(name + ": " + progress.failure()).isEqualTo(RebuildProgress.Phase.COMPLETED);
            assertThat(progress.eventsDone()).isGreaterThanOrEqualTo(progress.eventsTotal());
            ProjectionCatchUp.await(lag, rebuilds);
            assertThat(hashes()).as("after rebuilding " + name).isEqualTo(live);
        }
        RebuildProgress all = rebuilds.rebuildNow(ProjectionRebuilds.ALL);
        assertThat(all.phase()).isEqualTo(RebuildProgress.Phase.COMPLETED);
        ProjectionCatchUp.await(lag, rebuilds);
        assertThat(hashes()).as("after rebuilding all at once").isEqualTo(live);
        ProjectionTables.ALL.forEach(table -> assertThat(ProjectionTables.indexes(sql, table))
                .as("indexes of %s, under their own names", table).isEqualTo(liveIndexes.get(table)));

        workload.step();
        workload.step();
        ProjectionCatchUp.await(lag, rebuilds);
        assertThat(hashes()).as("the live processors continue after the swap").isNotEqualTo(live);
    }

    @Test
    @Order(3)
    void balances_as_of_past_instants_equal_an_independent_replay_of_the_events() {
        RandomWorkload workload = new RandomWorkload(commands, sql, SEED + 2);
        workload.setUp("tt");
        List<Instant> knownAts = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            workload.step();
            if (step % 30 == 29) {
                knownAts.add(Instant.now());
            }
        }
        knownAts.add(null);
        ProjectionCatchUp.await(lag, rebuilds);

        int compared = 0;
        for (RandomWorkload.Allocation allocation : workload.allocations()) {
            EventFold fold = EventFold.of(storage, allocation.id().value());
            List<Instant> asOfs = new ArrayList<>();
            asOfs.add(allocation.periodStart().minusSeconds(1));
            asOfs.add(allocation.periodStart());
            for (int quarter = 1; quarter <= 4; quarter++) {
                long seconds = java.time.Duration.between(allocation.periodStart(), allocation.periodEnd()).toSeconds();
                asOfs.add(allocation.periodStart().plusSeconds(seconds * quarter / 4));
            }
            asOfs.add(Instant.now());
            asOfs.add(null);
            for (Instant knownAt : knownAts) {
                for (Instant asOf : asOfs) {
                    if (asOf == null && knownAt == null) {
                        continue;
                    }
                    if (asOf != null && asOf.isBefore(allocation.periodStart())) {
                        Instant before = asOf;
                        assertThatThrownBy(() -> history.balance(allocation.id(), before, knownAt))
                                .isInstanceOf(AllocationNotGrantedYet.class).hasMessageContaining("not granted yet");
                        continue;
                    }
                    EventFold.Buckets expected = fold.at(asOf, knownAt);
                    BalanceView view = history.balance(allocation.id(), asOf, knownAt).orElseThrow();
                    assertThat(actual(view)).as("%s as of %s known at %s", allocation.id(), asOf, knownAt)
                            .isEqualTo(expected);
                    assertThat(view.balance().value()).isEqualTo(expected.balance());
                    if (view.state() != AllocationState.EXPIRED) {
                        assertThat(view.state() == AllocationState.SUSPENDED)
                                .as("%s suspended as of %s known at %s", allocation.id(), asOf, knownAt)
                                .isEqualTo(fold.suspendedAt(asOf, knownAt));
                    }
                    compared++;
                }
            }
            BalanceView now = balances.balance(allocation.id()).orElseThrow();
            assertThat(actual(history.balance(allocation.id(), null, Instant.now()).orElseThrow()))
                    .as("known now, %s", allocation.id()).isEqualTo(actual(now));
        }
        assertThat(compared).isGreaterThan(100);
        assertThatThrownBy(() -> history.balance(AllocationId.of("tt-alloc-0"), null,
                Instant.parse("2000-01-01T00:00:00Z"))).as("not yet known").isInstanceOf(AllocationNotGrantedYet.class);
    }

    private static EventFold.Buckets actual(BalanceView view) {
        return new EventFold.Buckets(view.granted().value(), view.supplemented().value(), view.consumed().value(),
                view.refunded().value(), view.transferredIn().value(), view.transferredOut().value(),
                view.clawedBack().value(), view.expired().value());
    }

    private Map<String, String> hashes() {
        return ProjectionTables.hashes(sql);
    }
}
