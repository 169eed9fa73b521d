package eu.gpuledger.ledger.project;

import org.axonframework.serialization.Revision;

/** A project (dossier) entered the ledger with what funders report it by. */
@Revision("1")
public record ProjectRegistered(ProjectId projectId, String title, String principalInvestigator, String organisation,
                                Audience audience, String sector, AccessMode accessMode) {
}
