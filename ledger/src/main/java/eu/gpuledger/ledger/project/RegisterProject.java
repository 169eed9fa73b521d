package eu.gpuledger.ledger.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enter a project (dossier) with what funders report it by. */
public record RegisterProject(@TargetAggregateIdentifier ProjectId projectId, String title,
                              String principalInvestigator, String organisation, Audience audience, String sector,
                              AccessMode accessMode) {
}
