package eu.gpuledger.ledger.project;

import eu.gpuledger.ledger.correction.CorrectionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Correct how a project is described (its title, principal investigator and organisation, all three given as they
 * should read): a new version, the registration stays as it was. Audience, sector and access mode classify the
 * project in the funders' reports and are not descriptive data.
 */
public record CorrectProjectDescription(@TargetAggregateIdentifier ProjectId projectId, CorrectionId correctionId,
                                        String title, String principalInvestigator, String organisation,
                                        String reason) {
}
