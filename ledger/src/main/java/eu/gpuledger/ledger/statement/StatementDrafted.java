package eu.gpuledger.ledger.statement;

import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.ProjectId;
import org.axonframework.serialization.Revision;

/**
 * A statement was drafted: for whom, of which kind, for which period and subject (any of provider, project and
 * allocation may be null). Its content is not stored: a draft is recomputed whenever it is read.
 */
@Revision("1")
public record StatementDrafted(StatementId statementId, FundingSource funder, StatementKind kind,
                               StatementPeriod period, ProviderId providerId, ProjectId projectId,
                               AllocationId allocationId) {
}
