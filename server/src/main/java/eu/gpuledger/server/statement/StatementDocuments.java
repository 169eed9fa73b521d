package eu.gpuledger.server.statement;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.statement.StatementContentChanged;
import eu.gpuledger.ledger.statement.StatementId;
import eu.gpuledger.ledger.statement.StatementKind;
import eu.gpuledger.ledger.statement.StatementKindNotAvailable;
import eu.gpuledger.ledger.statement.StatementPeriod;
import eu.gpuledger.projections.statement.StatementQueries.StatementView;
import eu.gpuledger.projections.statement.StatementState;
import eu.gpuledger.reports.statement.CanonicalJson;
import eu.gpuledger.reports.statement.FundStatementDocument;
import eu.gpuledger.reports.statement.FundStatements;
import eu.gpuledger.reports.statement.FundStatements.FundContent;
import eu.gpuledger.reports.statement.FundStatements.FundSubject;
import eu.gpuledger.reports.statement.StatementHeader;
import eu.gpuledger.reports.statement.print.FundStatementPrint;
import eu.gpuledger.reports.statement.print.PrintedStatement;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Draws up a statement's document from its listing and the journal: a draft as known now, an issued statement as
 * known at its issue time, whose content must hash to the hash it was sealed with (else it is refused, loudly).
 */
@Component
public class StatementDocuments {

    /**
     * A statement in its formats: the JSON and CSV bytes, the statement as printed (drawn as a PDF only when asked,
     * {@code StatementPdf}), and the hash of its content's canonical form.
     */
    public record Document(byte[] json, byte[] csv, PrintedStatement printed, String contentSha256) {
    }

    private final FundStatements fundStatements;
    private final Clock clock;

    public StatementDocuments(FundStatements fundStatements, Clock clock) {
        this.fundStatements = fundStatements;
        this.clock = clock;
    }

    public Document document(StatementView statement) {
        if (!StatementKind.FUND.name().equals(statement.kind())) {
            throw new StatementKindNotAvailable(StatementKind.valueOf(statement.kind()));
        }
        boolean issued = statement.state() != StatementState.DRAFT;
        Instant knownAt = issued ? statement.knownAt() : clock.instant().truncatedTo(ChronoUnit.MILLIS);
        StatementPeriod period = StatementPeriod.parse(statement.period());
        FundContent content = fundStatements.content(new FundSubject(FundingSource.valueOf(statement.funder()),
                statement.allocationId(), statement.projectId(), period.from(), period.to()), knownAt);
        String contentSha256 = CanonicalJson.sha256(CanonicalJson.bytes(FundStatementDocument.content(content)));
        if (statement.contentSha256() != null && !statement.contentSha256().equals(contentSha256)) {
            throw new StatementContentChanged(StatementId.of(statement.statementId()), statement.contentSha256(),
                    contentSha256);
        }
        StatementHeader header = new StatementHeader(statement.statementId(), statement.kind(), statement.funder(),
                statement.period(), statement.allocationId(), statement.projectId(),
                issued ? StatementState.ISSUED.name() : StatementState.DRAFT.name(), statement.number(),
                statement.issuedAt(), statement.issuedBy(), knownAt, statement.contentSha256());
        return new Document(FundStatementDocument.json(header, content), FundStatementDocument.csv(header, content),
                FundStatementPrint.print(header, content, contentSha256), contentSha256);
    }
}
