package eu.gpuledger.ledger.statement;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An issued statement was cancelled by the credit note {@code creditNoteId}, which names it, for {@code reason}. */
@Revision("1")
public record StatementCancelled(StatementId statementId, CreditNoteId creditNoteId, String reason,
                                 Instant cancelledAt, String cancelledBy) {
}
