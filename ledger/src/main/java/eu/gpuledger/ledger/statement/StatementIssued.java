package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.allocation.FundingSource;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A statement was issued: numbered {@code sequence} in its funder's {@code year} (no gaps), at {@code issuedAt}, by
 * {@code issuedBy}; its content is the one computed from the events known at {@code knownAt}, fixed by its hash
 * ({@link StatementSealed}). Nothing of it changes after this: a credit note cancels it, an adjustment line of a later
 * statement corrects it.
 */
@Revision("1")
public record StatementIssued(StatementId statementId, FundingSource funder, int year, int sequence,
                              Instant issuedAt, Instant knownAt, String issuedBy) {

    /** The number printed on the statement, e.g. {@code GENCI-2026-000042}. */
    public String number() {
        return StatementNumbering.number(funder, year, sequence);
    }
}
