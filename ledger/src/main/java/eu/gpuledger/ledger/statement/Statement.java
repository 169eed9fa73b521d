package eu.gpuledger.ledger.statement;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.idempotency.ClientIds;
import eu.gpuledger.ledger.metadata.LedgerMetadata;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.statement.StatementCommands.DraftStatement;
import eu.gpuledger.ledger.statement.StatementCommands.IssueCreditNote;
import eu.gpuledger.ledger.statement.StatementCommands.IssueStatement;
import eu.gpuledger.ledger.statement.StatementCommands.SealStatement;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A statement's lifecycle (docs/statements.md): drafted (its content computed whenever it is read), issued (numbered
 * without gaps per funder and year, its content frozen as the events known at its issue time and fixed by a hash),
 * cancelled only by a credit note that names it. Nothing issued is edited: there is no command that could.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Statement {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private StatementId statementId;
    private StatementDrafted drafted;
    private StatementIssued issued;
    private StatementSealed sealed;
    private StatementCancelled cancelled;

    protected Statement() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DraftStatement command, Directory directory) {
        StatementDrafted candidate = new StatementDrafted(command.statementId(),
                InvalidInput.requirePresent(command.funder(), "funder"),
                InvalidInput.requirePresent(command.kind(), "kind"),
                InvalidInput.requirePresent(command.period(), "period"),
                command.providerId(), command.projectId(), command.allocationId());
        if (ClientIds.isReplay("statementId", command.statementId(), drafted, candidate)) {
            return;
        }
        if (candidate.kind() == StatementKind.FUND) {
            assertFundSubject(candidate, directory);
        } else {
            assertBillingSubject(candidate, directory);
        }
        apply(candidate);
    }

    /**
     * A BILLING statement is a provider's (API.md): for EUROHPC_JU, the JU billing statement of a hosting provider,
     * which must be one the JU co-funds (else there is no JU share to bill or to measure); for PRIVATE_CONTRACT, the
     * paid-use statement of a provider to one customer, a project. GENCI pays by fund, not by bill: no BILLING kind.
     */
    private static void assertBillingSubject(StatementDrafted candidate, Directory directory) {
        if (candidate.funder() == FundingSource.GENCI) {
            throw new StatementKindNotAvailable("GENCI is not billed: its statements are of kind FUND");
        }
        if (candidate.allocationId() != null) {
            throw new InvalidInput("allocationId", "a BILLING statement is of a provider, not of an allocation");
        }
        if (candidate.providerId() == null) {
            throw new InvalidInput("providerId", "a BILLING statement names the provider that bills");
        }
        if (!directory.providerExists(candidate.providerId())) {
            throw new UnknownReference("providerId", candidate.providerId().value());
        }
        if (candidate.funder() == FundingSource.EUROHPC_JU) {
            if (candidate.projectId() != null) {
                throw new InvalidInput("projectId", "the EuroHPC JU billing statement covers every JU-funded"
                        + " allocation of the provider, not one project's");
            }
            if (directory.juSharePercent(candidate.providerId()).isEmpty()) {
                throw new StatementOfAnotherFunder("provider '" + candidate.providerId() + "' is not a"
                        + " EuroHPC-hosted system with a JU share: the JU is billed only by its hosting providers");
            }
            return;
        }
        if (candidate.projectId() == null) {
            throw new InvalidInput("projectId", "a paid-use statement names its customer, a project");
        }
        if (!directory.projectExists(candidate.projectId())) {
            throw new UnknownReference("projectId", candidate.projectId().value());
        }
    }

    /**
     * A fund statement is about one allocation of the funder, one project's allocations, or all of the funder's
     * (neither named); not a provider's, which a fund does not have, and not both an allocation and a project, which
     * could disagree.
     */
    private static void assertFundSubject(StatementDrafted candidate, Directory directory) {
        if (candidate.providerId() != null) {
            throw new InvalidInput("providerId", "a FUND statement is of an allocation, a project or a funding"
                    + " source, not of a provider");
        }
        if (candidate.allocationId() != null && candidate.projectId() != null) {
            throw new InvalidInput("projectId", "a FUND statement names an allocation or a project, not both");
        }
        if (candidate.allocationId() != null) {
            FundingSource fundedBy = directory.fundingSourceOfAllocation(candidate.allocationId())
                    .orElseThrow(() -> new UnknownReference("allocationId", candidate.allocationId().value()));
            if (fundedBy != candidate.funder()) {
                throw new StatementOfAnotherFunder("allocation '" + candidate.allocationId() + "' is funded by "
                        + fundedBy + ", not by " + candidate.funder() + ": a funder's statement shows its own funds");
            }
        }
        if (candidate.projectId() != null && !directory.projectExists(candidate.projectId())) {
            throw new UnknownReference("projectId", candidate.projectId().value());
        }
    }

    /**
     * Issuing again answers the first issue: the client asked for the statement to be issued, and it is (its number
     * and times are the first ones).
     */
    @CommandHandler
    public void handle(IssueStatement command, Directory directory,
                       @MetaDataValue(LedgerMetadata.PRINCIPAL) String principal) {
        if (issued != null) {
            return;
        }
        Objects.requireNonNull(command.issuedAt(), "issuedAt");
        Objects.requireNonNull(command.knownAt(), "knownAt");
        if (command.knownAt().isAfter(command.issuedAt())) {
            throw new IllegalArgumentException("a statement cannot be issued from events known after its issue time");
        }
        int year = command.issuedAt().atZone(ZoneOffset.UTC).getYear();
        int sequence = directory.nextStatementNumber(drafted.funder(), year);
        if (sequence > StatementNumbering.SEQUENCE_MAX) {
            throw new IllegalStateException(drafted.funder() + " has issued " + StatementNumbering.SEQUENCE_MAX
                    + " statements in " + year + ", the most a number can say");
        }
        apply(new StatementIssued(statementId, drafted.funder(), year, sequence, command.issuedAt(),
                command.knownAt(), principal == null ? "ledger" : principal));
    }

    /**
     * Fixes an issued statement's content by its hash, once. Sealing again with the same hash changes nothing; with
     * another, the content changed since it was issued, which must never happen ({@link StatementContentChanged}).
     */
    @CommandHandler
    public void handle(SealStatement command) {
        if (command.contentSha256() == null || !SHA_256_HEX.matcher(command.contentSha256()).matches()) {
            throw new IllegalArgumentException("a statement's content hash is 64 lowercase hexadecimal digits");
        }
        if (issued == null) {
            throw new StatementNotIssued(statementId);
        }
        if (sealed != null) {
            if (!sealed.contentSha256().equals(command.contentSha256())) {
                throw new StatementContentChanged(statementId, sealed.contentSha256(), command.contentSha256());
            }
            return;
        }
        apply(new StatementSealed(statementId, command.contentSha256()));
    }

    @CommandHandler
    public void handle(IssueCreditNote command, @MetaDataValue(LedgerMetadata.PRINCIPAL) String principal) {
        InvalidInput.requirePresent(command.creditNoteId(), "creditNoteId");
        String reason = InvalidInput.requireText(command.reason(), "reason");
        if (cancelled != null) {
            if (cancelled.creditNoteId().equals(command.creditNoteId()) && cancelled.reason().equals(reason)) {
                return;
            }
            if (cancelled.creditNoteId().equals(command.creditNoteId())) {
                throw new eu.gpuledger.ledger.refusal.IdempotencyConflict("creditNoteId",
                        command.creditNoteId().value());
            }
            throw new StatementAlreadyCancelled(statementId, cancelled.creditNoteId());
        }
        if (issued == null) {
            throw new StatementNotIssued(statementId);
        }
        apply(new StatementCancelled(statementId, command.creditNoteId(), reason,
                Objects.requireNonNull(command.issuedAt(), "issuedAt"), principal == null ? "ledger" : principal));
    }

    @EventSourcingHandler
    void on(StatementDrafted event) {
        statementId = event.statementId();
        drafted = event;
    }

    @EventSourcingHandler
    void on(StatementIssued event) {
        issued = event;
    }

    @EventSourcingHandler
    void on(StatementSealed event) {
        sealed = event;
    }

    @EventSourcingHandler
    void on(StatementCancelled event) {
        cancelled = event;
    }
}
