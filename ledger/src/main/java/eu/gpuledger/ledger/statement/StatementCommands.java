package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands of a statement's lifecycle: drafted, issued, cancelled by a credit note (docs/statements.md). */
public final class StatementCommands {

    private StatementCommands() {
    }

    /**
     * Drafts a statement: what it is about, not what it says. Its content is computed when it is read, until it is
     * issued; so a draft never goes stale.
     */
    public record DraftStatement(@TargetAggregateIdentifier StatementId statementId, FundingSource funder,
                                 StatementKind kind, StatementPeriod period, ProviderId providerId,
                                 ProjectId projectId, AllocationId allocationId) {
    }

    /**
     * Issues a drafted statement: the ledger gives it its number; its content is, from now on, the one computed from
     * the events known at {@code knownAt}, which {@link SealStatement} then fixes by its hash.
     */
    public record IssueStatement(@TargetAggregateIdentifier StatementId statementId, Instant issuedAt,
                                 Instant knownAt) {
    }

    /** Records the SHA-256 of an issued statement's content in its canonical form, computed as known at its issue. */
    public record SealStatement(@TargetAggregateIdentifier StatementId statementId, String contentSha256) {
    }

    /** Cancels an issued statement by a credit note that names it: the only way an issued statement stops counting. */
    public record IssueCreditNote(@TargetAggregateIdentifier StatementId statementId, CreditNoteId creditNoteId,
                                  String reason, Instant issuedAt) {
    }
}
