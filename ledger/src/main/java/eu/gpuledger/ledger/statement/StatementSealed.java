package eu.gpuledger.ledger.statement;

import org.axonframework.serialization.Revision;

/**
 * An issued statement's content, computed from the events known at its issue time, hashes to {@code contentSha256}
 * (SHA-256 of its canonical form, docs/statements.md). Every later regeneration must give the same hash.
 */
@Revision("1")
public record StatementSealed(StatementId statementId, String contentSha256) {
}
