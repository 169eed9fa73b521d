package eu.gpuledger.projections.statement;

import eu.gpuledger.ledger.statement.StatementCancelled;
import eu.gpuledger.ledger.statement.StatementDrafted;
import eu.gpuledger.ledger.statement.StatementIssued;
import eu.gpuledger.ledger.statement.StatementSealed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static eu.gpuledger.projections.schema.Tables.VIEW_STATEMENT;

/**
 * The statements as listed: what each is about and how far its lifecycle went. A handful of events per statement,
 * written as they come (as the transfers' view is): the documents themselves are never stored here, they are drawn
 * up from the journal as known at the statement's issue time (docs/statements.md).
 */
@Component
@ProcessingGroup(StatementProjection.PROCESSING_GROUP)
public class StatementProjection {

    public static final String PROCESSING_GROUP = "statement-view";

    private final DSLContext sql;

    public StatementProjection(DSLContext sql) {
        this.sql = sql;
    }

    @EventHandler
    void on(StatementDrafted event, @Timestamp Instant recordedAt) {
        sql.insertInto(VIEW_STATEMENT)
                .set(VIEW_STATEMENT.STATEMENT_ID, event.statementId().value())
                .set(VIEW_STATEMENT.FUNDER, event.funder().name())
                .set(VIEW_STATEMENT.KIND, event.kind().name())
                .set(VIEW_STATEMENT.PERIOD, event.period().text())
                .set(VIEW_STATEMENT.PROVIDER_ID, event.providerId() == null ? null : event.providerId().value())
                .set(VIEW_STATEMENT.PROJECT_ID, event.projectId() == null ? null : event.projectId().value())
                .set(VIEW_STATEMENT.ALLOCATION_ID, event.allocationId() == null ? null : event.allocationId().value())
                .set(VIEW_STATEMENT.DRAFTED_AT, recordedAt)
                .set(VIEW_STATEMENT.STATE, StatementState.DRAFT.name())
                .onConflict(VIEW_STATEMENT.STATEMENT_ID).doNothing()
                .execute();
    }

    @EventHandler
    void on(StatementIssued event) {
        sql.update(VIEW_STATEMENT)
                .set(VIEW_STATEMENT.STATE, StatementState.ISSUED.name())
                .set(VIEW_STATEMENT.NUMBER, event.number())
                .set(VIEW_STATEMENT.ISSUED_AT, event.issuedAt())
                .set(VIEW_STATEMENT.ISSUED_BY, event.issuedBy())
                .set(VIEW_STATEMENT.KNOWN_AT, event.knownAt())
                .where(VIEW_STATEMENT.STATEMENT_ID.eq(event.statementId().value()))
                .execute();
    }

    @EventHandler
    void on(StatementSealed event) {
        sql.update(VIEW_STATEMENT)
                .set(VIEW_STATEMENT.CONTENT_SHA256, event.contentSha256())
                .where(VIEW_STATEMENT.STATEMENT_ID.eq(event.statementId().value()))
                .execute();
    }

    @EventHandler
    void on(StatementCancelled event) {
        sql.update(VIEW_STATEMENT)
                .set(VIEW_STATEMENT.STATE, StatementState.CANCELLED.name())
                .set(VIEW_STATEMENT.CREDIT_NOTE_ID, event.creditNoteId().value())
                .set(VIEW_STATEMENT.CANCEL_REASON, event.reason())
                .set(VIEW_STATEMENT.CANCELLED_AT, event.cancelledAt())
                .set(VIEW_STATEMENT.CANCELLED_BY, event.cancelledBy())
                .where(VIEW_STATEMENT.STATEMENT_ID.eq(event.statementId().value()))
                .execute();
    }
}
