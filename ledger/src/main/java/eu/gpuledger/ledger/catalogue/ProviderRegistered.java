package eu.gpuledger.ledger.catalogue;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * A provider entered the catalogue.
 *
 * @param juSharePercent the EuroHPC JU's share of the machine's time, on EuroHPC-hosted systems; null otherwise
 */
@Revision("1")
public record ProviderRegistered(ProviderId providerId, String name, ProviderKind kind, boolean euroHpcHosted,
                                 BigDecimal juSharePercent) {
}
