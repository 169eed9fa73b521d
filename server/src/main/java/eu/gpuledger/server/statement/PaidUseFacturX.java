package eu.gpuledger.server.statement;

import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.statement.StatementId;
import eu.gpuledger.ledger.statement.StatementPeriod;
import eu.gpuledger.projections.statement.StatementQueries.StatementView;
import eu.gpuledger.projections.statement.StatementState;
import eu.gpuledger.reports.statement.StatementHeader;
import eu.gpuledger.reports.statement.invoice.FacturX;
import eu.gpuledger.reports.statement.invoice.FacturXNotAvailable;
import eu.gpuledger.reports.statement.invoice.InvoiceParty;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoices;
import eu.gpuledger.reports.statement.invoice.PaidUseInvoices.PaidUseLine;
import eu.gpuledger.reports.statement.invoice.VatRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The Factur-X invoice of an issued paid-use statement (docs/statement-documents.md): its lines as the statement's
 * content gives them, the provider as seller and the project's organisation as buyer as known at the issue time,
 * the VAT from where they are. A draft is no invoice (its figures may still change), nor is a statement without a
 * provider and a project.
 */
@Component
public class PaidUseFacturX {

    private final InvoicingParties parties;

    public PaidUseFacturX(InvoicingParties parties) {
        this.parties = parties;
    }

    public byte[] write(StatementView statement, List<PaidUseLine> lines) {
        if (statement.state() == StatementState.DRAFT || statement.contentSha256() == null
                || statement.providerId() == null || statement.projectId() == null) {
            throw new FacturXNotAvailable(StatementId.of(statement.statementId()));
        }
        InvoiceParty seller = parties.seller(ProviderId.of(statement.providerId()), statement.knownAt());
        InvoiceParty buyer = parties.buyer(ProjectId.of(statement.projectId()), statement.knownAt());
        StatementPeriod period = StatementPeriod.parse(statement.period());
        StatementHeader header = new StatementHeader(statement.statementId(), statement.kind(), statement.funder(),
                statement.period(), statement.allocationId(), statement.projectId(), StatementState.ISSUED.name(),
                statement.number(), statement.issuedAt(), statement.issuedBy(), statement.knownAt(),
                statement.contentSha256());
        return FacturX.write(PaidUseInvoices.invoice(header, LocalDate.ofInstant(period.from(), ZoneOffset.UTC),
                LocalDate.ofInstant(period.to(), ZoneOffset.UTC).minusDays(1), lines, seller, buyer,
                VatRules.treatment(seller, buyer), PaidUseInvoices.PAYMENT_DAYS_DEFAULT));
    }
}
