package eu.gpuledger.server.statement;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.statement.StatementContentChanged;
import eu.gpuledger.ledger.statement.StatementId;
import eu.gpuledger.ledger.statement.StatementKind;
import eu.gpuledger.ledger.statement.StatementKindNotAvailable;
import eu.gpuledger.ledger.statement.StatementPeriod;
import eu.gpuledger.projections.statement.StatementQueries.StatementView;
import eu.gpuledger.projections.statement.StatementState;
import eu.gpuledger.reports.statement.BillingContent;
import eu.gpuledger.reports.statement.BillingContent.BillingSubject;
import eu.gpuledger.reports.statement.BillingStatementDocument;
import eu.gpuledger.reports.statement.BillingStatements;
import eu.gpuledger.reports.statement.CanonicalJson;
import eu.gpuledger.reports.statement.FundStatementDocument;
import eu.gpuledger.reports.statement.FundStatements;
import eu.gpuledger.reports.statement.FundStatements.FundContent;
import eu.gpuledger.reports.statement.FundStatements.FundSubject;
import eu.gpuledger.reports.statement.StatementHeader;
import eu.gpuledger.reports.statement.PaidUseContent;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoices;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoices.PaidUseLine;
import eu.gpuledger.reports.statement.print.BillingStatementPrint;
import eu.gpuledger.reports.statement.print.FundStatementPrint;
import eu.gpuledger.reports.statement.print.PrintedStatement;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Draws up a statement's document from its listing and the journal: a draft as known now, an issued statement as
 * known at its issue time, whose content must hash to the hash it was sealed with (else it is refused, loudly).
 */
@Component
public class StatementDocuments {

    /**
     * A statement in its formats: the JSON and CSV bytes, the statement as printed (drawn as a PDF only when asked,
     * {@code StatementPdf}), the hash of its content's canonical form, and the lines of its invoice when it is one
     * (a paid-use statement valued per GPU-hour; {@code PaidUseFacturX} makes the Factur-X of them).
     */
    public record Document(byte[] json, byte[] csv, PrintedStatement printed, String contentSha256,
                           Optional<List<PaidUseLine>> invoiceLines) {
    }

    private final FundStatements fundStatements;
    private final BillingStatements billingStatements;
    private final Clock clock;

    public StatementDocuments(FundStatements fundStatements, BillingStatements billingStatements, Clock clock) {
        this.fundStatements = fundStatements;
        this.billingStatements = billingStatements;
        this.clock = clock;
    }

    public Document document(StatementView statement) {
        boolean issued = statement.state() != StatementState.DRAFT;
        Instant knownAt = issued ? statement.knownAt() : clock.instant().truncatedTo(ChronoUnit.MILLIS);
        StatementPeriod period = StatementPeriod.parse(statement.period());
        FundingSource funder = FundingSource.valueOf(statement.funder());
        Drawn drawn = switch (StatementKind.valueOf(statement.kind())) {
            case FUND -> fund(statement, funder, period, knownAt);
            case BILLING -> billing(statement, funder, period, knownAt);
        };
        if (statement.contentSha256() != null && !statement.contentSha256().equals(drawn.contentSha256())) {
            throw new StatementContentChanged(StatementId.of(statement.statementId()), statement.contentSha256(),
                    drawn.contentSha256());
        }
        StatementHeader header = new StatementHeader(statement.statementId(), statement.kind(), statement.funder(),
                statement.period(), statement.allocationId(), statement.projectId(),
                issued ? StatementState.ISSUED.name() : StatementState.DRAFT.name(), statement.number(),
                statement.issuedAt(), statement.issuedBy(), knownAt, statement.contentSha256());
        return new Document(drawn.json().apply(header), drawn.csv().apply(header), drawn.printed().apply(header),
                drawn.contentSha256(), drawn.invoiceLines());
    }

    /**
     * A statement's content drawn up: its hash, how to write and print it under a header, and its invoice lines
     * when it is an invoice.
     */
    private record Drawn(String contentSha256, Function<StatementHeader, byte[]> json,
                         Function<StatementHeader, byte[]> csv, Function<StatementHeader, PrintedStatement> printed,
                         Optional<List<PaidUseLine>> invoiceLines) {
    }

    private Drawn fund(StatementView statement, FundingSource funder, StatementPeriod period, Instant knownAt) {
        FundContent content = fundStatements.content(new FundSubject(funder, statement.allocationId(),
                statement.projectId(), period.from(), period.to()), knownAt);
        String contentSha256 = CanonicalJson.sha256(CanonicalJson.bytes(FundStatementDocument.content(content)));
        return new Drawn(contentSha256, header -> FundStatementDocument.json(header, content),
                header -> FundStatementDocument.csv(header, content),
                header -> FundStatementPrint.print(header, content, contentSha256), Optional.empty());
    }

    /** EUROHPC_JU: the JU billing statement of a hosting provider; PRIVATE_CONTRACT: paid use, to one project. */
    private Drawn billing(StatementView statement, FundingSource funder, StatementPeriod period, Instant knownAt) {
        BillingSubject subject = new BillingSubject(funder, statement.providerId(), statement.projectId(), period);
        BillingContent content = switch (funder) {
            case EUROHPC_JU -> billingStatements.juBilling(subject, knownAt);
            case PRIVATE_CONTRACT -> billingStatements.paidUse(subject, knownAt);
            case GENCI -> throw new StatementKindNotAvailable("GENCI is not billed: its statements are of kind FUND");
        };
        String contentSha256 = CanonicalJson.sha256(CanonicalJson.bytes(BillingStatementDocument.content(content)));
        return new Drawn(contentSha256, header -> BillingStatementDocument.json(header, content),
                header -> BillingStatementDocument.csv(header, content),
                header -> BillingStatementPrint.print(header, content, contentSha256),
                content instanceof PaidUseContent paidUse ? PaidUseInvoices.linesOf(paidUse) : Optional.empty());
    }
}
