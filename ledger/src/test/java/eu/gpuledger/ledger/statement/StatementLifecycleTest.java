package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.ProviderKind;
import eu.gpuledger.ledger.catalogue.ProviderRegistered;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectRegistered;
import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.statement.StatementCommands.DraftStatement;
import eu.gpuledger.ledger.statement.StatementCommands.IssueCreditNote;
import eu.gpuledger.ledger.statement.StatementCommands.IssueStatement;
import eu.gpuledger.ledger.statement.StatementCommands.SealStatement;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A statement's lifecycle (issue 14): drafted, issued with a gap-free number and a hash, cancelled by a credit note. */
class StatementLifecycleTest {

    private static final StatementId OCTOBER = StatementId.of("genci-fund-2026-10");
    private static final AllocationId ALLOCATION = AllocationId.of("a100-genci");
    private static final Instant ISSUED_AT = Instant.parse("2026-11-05T09:00:00Z");
    private static final String HASH = "a".repeat(64);
    private static final MetaData BY_ACCOUNTANT = MetaData.with(LedgerMetadata.PRINCIPAL, "marie@genci.fr");

    private final InMemoryDirectory directory = new InMemoryDirectory().record(new AllocationGranted(ALLOCATION,
            ProjectId.of("2026-A0191012641"), PoolId.of("jz-a100"), FundingSource.GENCI, GpuSeconds.ofHours(100),
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), 25, null));
    private final FixtureConfiguration<Statement> fixture = new AggregateTestFixture<>(Statement.class)
            .registerInjectableResource(directory);

    private static DraftStatement draftFund(AllocationId allocation) {
        return new DraftStatement(OCTOBER, FundingSource.GENCI, StatementKind.FUND, StatementPeriod.parse("2026-10"),
                null, null, allocation);
    }

    private static StatementDrafted drafted() {
        return new StatementDrafted(OCTOBER, FundingSource.GENCI, StatementKind.FUND, StatementPeriod.parse("2026-10"),
                null, null, ALLOCATION);
    }

    private static StatementIssued issued(int sequence) {
        return new StatementIssued(OCTOBER, FundingSource.GENCI, 2026, sequence, ISSUED_AT, ISSUED_AT,
                "marie@genci.fr");
    }

    @Test
    void a_fund_statement_of_an_allocation_is_drafted_for_a_month() {
        fixture.givenNoPriorActivity().when(draftFund(ALLOCATION)).expectEvents(drafted());
    }

    @Test
    void drafting_it_again_changes_nothing_and_another_subject_under_its_id_is_a_conflict() {
        fixture.given(drafted()).when(draftFund(ALLOCATION)).expectNoEvents();
        fixture.given(drafted()).when(draftFund(null)).expectException(IdempotencyConflict.class);
    }

    private static DraftStatement billing(FundingSource funder, String provider, String project) {
        return new DraftStatement(OCTOBER, funder, StatementKind.BILLING, StatementPeriod.parse("2026-Q4"),
                provider == null ? null : ProviderId.of(provider), project == null ? null : ProjectId.of(project),
                null);
    }

    @Test
    void the_ju_billing_statement_is_of_a_euro_hpc_hosted_provider_with_a_ju_share() {
        directory.record(
                new ProviderRegistered(ProviderId.of("tgcc"), "TGCC", ProviderKind.PUBLIC, true,
                        new java.math.BigDecimal("35")),
                new ProviderRegistered(ProviderId.of("idris"), "IDRIS", ProviderKind.PUBLIC, false, null));

        fixture.givenNoPriorActivity().when(billing(FundingSource.EUROHPC_JU, "tgcc", null))
                .expectEvents(new StatementDrafted(OCTOBER, FundingSource.EUROHPC_JU, StatementKind.BILLING,
                        StatementPeriod.parse("2026-Q4"), ProviderId.of("tgcc"), null, null));
        fixture.givenNoPriorActivity().when(billing(FundingSource.EUROHPC_JU, "idris", null))
                .expectException(StatementOfAnotherFunder.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(billing(FundingSource.EUROHPC_JU, null, null))
                .expectException(InvalidInput.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(billing(FundingSource.EUROHPC_JU, "no-such-provider", null))
                .expectException(UnknownReference.class).expectNoEvents();
    }

    @Test
    void a_paid_use_statement_is_of_a_provider_to_one_customer_project_and_genci_is_never_billed() {
        directory.record(new ProviderRegistered(ProviderId.of("cloud"), "Cloud", ProviderKind.PRIVATE, false, null),
                new ProjectRegistered(ProjectId.of("2026-PAID-1"), "Fine-tuning", "A. Martin", "Startup SAS",
                        Audience.STARTUP_SME, "ai", AccessMode.PAID));

        fixture.givenNoPriorActivity().when(billing(FundingSource.PRIVATE_CONTRACT, "cloud", "2026-PAID-1"))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity().when(billing(FundingSource.PRIVATE_CONTRACT, "cloud", null))
                .expectException(InvalidInput.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(billing(FundingSource.PRIVATE_CONTRACT, "cloud", "2026-NOBODY"))
                .expectException(UnknownReference.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(billing(FundingSource.GENCI, "cloud", "2026-PAID-1"))
                .expectException(StatementKindNotAvailable.class).expectNoEvents();
    }

    @Test
    void a_fund_statement_names_an_allocation_or_a_project_but_not_a_provider_nor_both() {
        fixture.givenNoPriorActivity()
                .when(new DraftStatement(OCTOBER, FundingSource.GENCI, StatementKind.FUND,
                        StatementPeriod.parse("2026-10"), ProviderId.of("idris"), null, null))
                .expectException(InvalidInput.class);
        fixture.givenNoPriorActivity()
                .when(new DraftStatement(OCTOBER, FundingSource.GENCI, StatementKind.FUND,
                        StatementPeriod.parse("2026-10"), null, ProjectId.of("2026-A0191012641"), ALLOCATION))
                .expectException(InvalidInput.class);
        fixture.givenNoPriorActivity().when(draftFund(AllocationId.of("no-such-allocation")))
                .expectException(UnknownReference.class);
    }

    @Test
    void a_funder_s_statement_does_not_name_an_allocation_another_funder_pays_for() {
        fixture.givenNoPriorActivity()
                .when(new DraftStatement(OCTOBER, FundingSource.EUROHPC_JU, StatementKind.FUND,
                        StatementPeriod.parse("2026-10"), null, null, ALLOCATION))
                .expectException(StatementOfAnotherFunder.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("funded by GENCI"))
                .expectNoEvents();
    }

    @Test
    void issuing_numbers_it_after_the_funder_s_last_number_of_the_year_and_records_the_issuer() {
        directory.record(new StatementIssued(StatementId.of("earlier"), FundingSource.GENCI, 2026, 41, ISSUED_AT,
                ISSUED_AT, "someone"));

        fixture.given(drafted())
                .when(new IssueStatement(OCTOBER, ISSUED_AT, ISSUED_AT), BY_ACCOUNTANT)
                .expectEvents(issued(42));
        assertThat(issued(42).number()).isEqualTo("GENCI-2026-000042");
    }

    @Test
    void the_first_statement_of_a_funder_s_year_is_number_one() {
        directory.record(new StatementIssued(StatementId.of("last-year"), FundingSource.GENCI, 2025, 7, ISSUED_AT,
                ISSUED_AT, "someone"), new StatementIssued(StatementId.of("ju"), FundingSource.EUROHPC_JU, 2026,
                3, ISSUED_AT, ISSUED_AT, "someone"));

        fixture.given(drafted())
                .when(new IssueStatement(OCTOBER, ISSUED_AT, ISSUED_AT), BY_ACCOUNTANT)
                .expectEvents(issued(1));
    }

    @Test
    void issuing_again_answers_the_first_issue_and_changes_nothing() {
        fixture.given(drafted(), issued(1))
                .when(new IssueStatement(OCTOBER, ISSUED_AT.plusSeconds(60), ISSUED_AT.plusSeconds(60)), BY_ACCOUNTANT)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_statement_is_not_issued_from_events_known_after_its_issue_time() {
        fixture.given(drafted())
                .when(new IssueStatement(OCTOBER, ISSUED_AT, ISSUED_AT.plusSeconds(1)))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void an_issued_statement_is_sealed_by_the_hash_of_its_content_once() {
        fixture.given(drafted(), issued(1))
                .when(new SealStatement(OCTOBER, HASH))
                .expectEvents(new StatementSealed(OCTOBER, HASH));
        fixture.given(drafted(), issued(1), new StatementSealed(OCTOBER, HASH))
                .when(new SealStatement(OCTOBER, HASH))
                .expectNoEvents();
    }

    @Test
    void content_that_hashes_otherwise_than_when_it_was_sealed_fails_loudly() {
        fixture.given(drafted(), issued(1), new StatementSealed(OCTOBER, HASH))
                .when(new SealStatement(OCTOBER, "b".repeat(64)))
                .expectException(StatementContentChanged.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(HASH))
                .expectNoEvents();
    }

    @Test
    void a_draft_is_not_sealed_and_a_seal_is_a_sha_256() {
        fixture.given(drafted()).when(new SealStatement(OCTOBER, HASH)).expectException(StatementNotIssued.class);
        fixture.given(drafted(), issued(1)).when(new SealStatement(OCTOBER, "not-a-hash"))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void a_credit_note_cancels_an_issued_statement_and_names_it() {
        Instant at = ISSUED_AT.plusSeconds(3600);
        fixture.given(drafted(), issued(1))
                .when(new IssueCreditNote(OCTOBER, CreditNoteId.of("cn-1"), "wrong allocation", at), BY_ACCOUNTANT)
                .expectEvents(new StatementCancelled(OCTOBER, CreditNoteId.of("cn-1"), "wrong allocation", at,
                        "marie@genci.fr"));
    }

    @Test
    void a_draft_has_nothing_to_cancel() {
        fixture.given(drafted())
                .when(new IssueCreditNote(OCTOBER, CreditNoteId.of("cn-1"), "mistake", ISSUED_AT))
                .expectException(StatementNotIssued.class)
                .expectNoEvents();
    }

    @Test
    void a_statement_is_cancelled_once_and_the_same_credit_note_again_changes_nothing() {
        StatementCancelled cancelled = new StatementCancelled(OCTOBER, CreditNoteId.of("cn-1"), "mistake", ISSUED_AT,
                "marie@genci.fr");
        fixture.given(drafted(), issued(1), cancelled)
                .when(new IssueCreditNote(OCTOBER, CreditNoteId.of("cn-1"), "mistake", ISSUED_AT.plusSeconds(5)))
                .expectNoEvents();
        fixture.given(drafted(), issued(1), cancelled)
                .when(new IssueCreditNote(OCTOBER, CreditNoteId.of("cn-2"), "another", ISSUED_AT))
                .expectException(StatementAlreadyCancelled.class);
        fixture.given(drafted(), issued(1), cancelled)
                .when(new IssueCreditNote(OCTOBER, CreditNoteId.of("cn-1"), "other reason", ISSUED_AT))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_period_is_a_month_or_a_quarter_half_open_in_utc() {
        StatementPeriod october = StatementPeriod.parse("2026-10");
        assertThat(october.from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(october.to()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        StatementPeriod fourth = StatementPeriod.parse("2026-Q4");
        assertThat(fourth.from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(fourth.to()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(fourth.text()).isEqualTo("2026-Q4");
        assertThatThrownBy(() -> StatementPeriod.parse("2026-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatementPeriod.parse("2026-Q5")).isInstanceOf(IllegalArgumentException.class);
    }
}
