package eu.gpuledger.projections.statement;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.projections.schema.tables.records.ViewStatementRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static eu.gpuledger.projections.schema.Tables.VIEW_STATEMENT;

/** Reads the statements as listed: one, or a page of them in statement id order with filters. */
@Component
public class StatementQueries {

    /** Statements one page lists at most. */
    public static final int LIMIT_MAX = 1000;

    private final DSLContext sql;

    public StatementQueries(DSLContext sql) {
        this.sql = sql;
    }

    public record StatementView(String statementId, String funder, String kind, String period, String providerId,
                                String projectId, String allocationId, Instant draftedAt, StatementState state,
                                String number, Instant issuedAt, String issuedBy, Instant knownAt,
                                String contentSha256, String creditNoteId, String cancelReason, Instant cancelledAt,
                                String cancelledBy) {
    }

    /**
     * The filters of {@code GET /statements}; null is "any". {@code statementId} lists one statement as listed (its
     * state and credit note, which its document does not carry), the way the console's page of a statement reads it.
     */
    public record Filter(String funder, String kind, String period, String providerId, StatementState state,
                         String statementId) {
    }

    public record Page(List<StatementView> items, String next) {
    }

    public Optional<StatementView> statement(String statementId) {
        return sql.selectFrom(VIEW_STATEMENT).where(VIEW_STATEMENT.STATEMENT_ID.eq(statementId))
                .fetchOptional(StatementQueries::view);
    }

    /** The statements of {@code funders} (every funder's when {@code everything}) that pass the filter. */
    public Page statements(Set<FundingSource> funders, boolean everything, Filter filter, String after, int limit) {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + LIMIT_MAX + "], got " + limit);
        }
        Condition where = everything ? DSL.trueCondition() : funders.isEmpty() ? DSL.falseCondition()
                : VIEW_STATEMENT.FUNDER.in(funders.stream().map(FundingSource::name).toList());
        if (filter.funder() != null) {
            where = where.and(VIEW_STATEMENT.FUNDER.eq(filter.funder()));
        }
        if (filter.kind() != null) {
            where = where.and(VIEW_STATEMENT.KIND.eq(filter.kind()));
        }
        if (filter.period() != null) {
            where = where.and(VIEW_STATEMENT.PERIOD.eq(filter.period()));
        }
        if (filter.providerId() != null) {
            where = where.and(VIEW_STATEMENT.PROVIDER_ID.eq(filter.providerId()));
        }
        if (filter.state() != null) {
            where = where.and(VIEW_STATEMENT.STATE.eq(filter.state().name()));
        }
        if (filter.statementId() != null) {
            where = where.and(VIEW_STATEMENT.STATEMENT_ID.eq(filter.statementId()));
        }
        if (after != null) {
            where = where.and(VIEW_STATEMENT.STATEMENT_ID.gt(after));
        }
        List<StatementView> rows = sql.selectFrom(VIEW_STATEMENT).where(where).orderBy(VIEW_STATEMENT.STATEMENT_ID)
                .limit(limit + 1).fetch(StatementQueries::view);
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<StatementView> page = List.copyOf(rows.subList(0, limit));
        return new Page(page, page.get(limit - 1).statementId());
    }

    private static StatementView view(ViewStatementRecord row) {
        return new StatementView(row.getStatementId(), row.getFunder(), row.getKind(), row.getPeriod(),
                row.getProviderId(), row.getProjectId(), row.getAllocationId(), row.getDraftedAt(),
                StatementState.valueOf(row.getState()), row.getNumber(), row.getIssuedAt(), row.getIssuedBy(),
                row.getKnownAt(), row.getContentSha256(), row.getCreditNoteId(), row.getCancelReason(),
                row.getCancelledAt(), row.getCancelledBy());
    }
}
