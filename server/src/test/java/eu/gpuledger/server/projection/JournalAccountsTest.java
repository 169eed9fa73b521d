package eu.gpuledger.server.projection;

import eu.gpuledger.ledger.allocation.AllocationCommands.ExpireAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.GrantAllocation;
import eu.gpuledger.ledger.allocation.AllocationCommands.RecordConsumption;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
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
import eu.gpuledger.ledger.usage.RefundId;
import eu.gpuledger.ledger.usage.RefundUsageRecord;
import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.projections.journal.JournalQueries;
import eu.gpuledger.projections.journal.LedgerAccount;
import eu.gpuledger.projections.journal.TrialBalance;
import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;
import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each movement of hours lands on the accounts docs/journal.md names for it, in the trial balance of the period its
 * effective time falls in, though an entry stores only its allocation's number and its movement.
 */
@LedgerIntegrationTest
class JournalAccountsTest {

    private static final Instant PERIOD_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2025-07-01T00:00:00Z");
    private static final Instant MARCH = Instant.parse("2025-03-01T00:00:00Z");

    @Autowired
    CommandGateway commands;
    @Autowired
    JournalQueries journal;
    @Autowired
    ProjectionLag lag;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    DSLContext sql;

    @Test
    void a_grant_charges_a_refund_and_an_expiry_post_to_the_allocation_its_funder_its_pool_and_lapsed_hours() {
        ProviderId provider = ProviderId.of("ja-provider");
        ClusterName cluster = ClusterName.of("ja-cluster");
        PoolId pool = PoolId.of("ja-h100");
        ProjectId project = ProjectId.of("ja-project");
        AllocationId allocation = AllocationId.of("ja-alloc");
        commands.sendAndWait(new RegisterProvider(provider, "JA", ProviderKind.PRIVATE, false, null));
        commands.sendAndWait(new DeclareCluster(cluster, provider, ZoneId.of("UTC")));
        commands.sendAndWait(new RegisterPool(pool, provider, cluster, "h100", "H100", 4, 96, true));
        commands.sendAndWait(new AddNormalisationFactor(pool, PERIOD_START, NormalisationFactor.of("1")));
        commands.sendAndWait(new RegisterProject(project, "JA", "PI", "Lab", Audience.ACADEMIC, "AI",
                AccessMode.PAID));
        commands.sendAndWait(new GrantAllocation(allocation, project, pool, FundingSource.PRIVATE_CONTRACT,
                GpuSeconds.ofHours(100), PERIOD_START, PERIOD_END, 25, null));
        Charge february = charge("ja-job-1", Instant.parse("2025-02-10T10:00:00Z"), 3 * 3_600);
        Charge march = charge("ja-job-2", Instant.parse("2025-03-05T10:00:00Z"), 3_600);
        commands.sendAndWait(new RecordConsumption(allocation, List.of(february, march)));
        BookedCharges.book(sql, allocation, List.of(february, march));
        commands.sendAndWait(new RefundUsageRecord(february.recordId(), RefundId.of("ja-refund"),
                GpuSeconds.of(1_800), "node failure"));
        commands.sendAndWait(new ExpireAllocation(allocation, PERIOD_END));
        ProjectionCatchUp.await(lag, rebuilds);

        String own = LedgerAccount.allocation(allocation.value());
        String consumption = LedgerAccount.consumption(pool.value());
        String lapsed = LedgerAccount.lapsed(pool.value());

        Map<String, TrialBalance.AccountTotals> untilMarch = accounts(journal.trialBalance(PERIOD_START, MARCH));
        assertThat(sides(untilMarch.get(own))).as("granted and refunded in, February's job out")
                .containsExactly(100 * 3_600L + 1_800, 3 * 3_600L);
        assertThat(sides(untilMarch.get(consumption))).as("February's job, less its refund")
                .containsExactly(3 * 3_600L, 1_800L);
        assertThat(untilMarch.get(LedgerAccount.funding(FundingSource.PRIVATE_CONTRACT)).credits().value())
                .as("the funder gave the grant").isGreaterThanOrEqualTo(100 * 3_600L);
        assertThat(untilMarch).doesNotContainKey(lapsed);

        Map<String, TrialBalance.AccountTotals> wholePeriod =
                accounts(journal.trialBalance(PERIOD_START, PERIOD_END.plusSeconds(1)));
        long left = 100 * 3_600L - 4 * 3_600L + 1_800;
        assertThat(sides(wholePeriod.get(lapsed))).as("what was left lapsed at the period's end")
                .containsExactly(left, 0L);
        assertThat(sides(wholePeriod.get(consumption))).containsExactly(4 * 3_600L, 1_800L);
        assertThat(wholePeriod.get(own).balance().value()).as("nothing left after the expiry").isZero();
        assertThat(journal.trialBalance(PERIOD_START, PERIOD_END.plusSeconds(1)).isBalanced()).isTrue();

        assertThat(sql.fetchSingle("SELECT allocation_no FROM journal_allocation WHERE allocation_id = 'ja-alloc'")
                .get(0, Long.class)).as("an allocation's number is its grant's global index")
                .isEqualTo(sql.fetchSingle("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier"
                        + " = 'ja-alloc' AND payload_type LIKE '%AllocationGranted'").get(0, Long.class));
    }

    private static Charge charge(String jobId, Instant end, long seconds) {
        return new Charge(UsageRecordId.of("ja-" + jobId), ClusterName.of("ja-cluster"), jobId, "user", "h100", 1,
                end.minusSeconds(seconds), end, seconds, NormalisationFactor.of("1"), null);
    }

    private static Map<String, TrialBalance.AccountTotals> accounts(TrialBalance balance) {
        return balance.accounts().stream()
                .collect(Collectors.toMap(TrialBalance.AccountTotals::account, Function.identity()));
    }

    private static List<Long> sides(TrialBalance.AccountTotals totals) {
        return List.of(totals.debits().value(), totals.credits().value());
    }
}
