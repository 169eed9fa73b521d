package eu.gpuledger.ledger.project;

import eu.gpuledger.ledger.correction.CorrectionId;
import org.axonframework.serialization.Revision;

/** A project's description was corrected: from now on it reads as these three values. */
@Revision("1")
public record ProjectDescriptionCorrected(ProjectId projectId, CorrectionId correctionId, String title,
                                          String principalInvestigator, String organisation, String reason) {
}
