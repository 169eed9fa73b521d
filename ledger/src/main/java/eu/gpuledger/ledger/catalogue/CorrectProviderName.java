package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.correction.CorrectionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct a provider's name (a typo, a new legal name): a new version, the registration stays as it was. */
public record CorrectProviderName(@TargetAggregateIdentifier ProviderId providerId, CorrectionId correctionId,
                                  String name, String reason) {
}
