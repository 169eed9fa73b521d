package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.correction.CorrectionId;
import org.axonframework.serialization.Revision;

/** A provider's name was corrected; from now on it is shown by {@code name}. Who did it is in the metadata. */
@Revision("1")
public record ProviderRenamed(ProviderId providerId, CorrectionId correctionId, String name, String reason) {
}
