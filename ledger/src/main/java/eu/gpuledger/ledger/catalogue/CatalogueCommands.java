package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

/** Commands of the catalogue: providers, clusters, pools and their effective-dated factors and prices. */
public final class CatalogueCommands {

    private CatalogueCommands() {
    }

    public record RegisterProvider(@TargetAggregateIdentifier ProviderId providerId, String name, ProviderKind kind,
                                   boolean euroHpcHosted, BigDecimal juSharePercent) {
    }

    public record DeclareCluster(@TargetAggregateIdentifier ClusterName cluster, ProviderId providerId,
                                 ZoneId timeZone) {
    }

    public record RegisterPool(@TargetAggregateIdentifier PoolId poolId, ProviderId providerId, ClusterName cluster,
                               String partition, String gpuModel, int gpusPerNode, int cpusPerNode,
                               boolean charged) {
    }

    /**
     * Gives a pool its size in nodes: the first size holds from the start, a different one from {@code at} on
     * (a change is a new version); the same size again changes nothing.
     */
    public record SizePool(@TargetAggregateIdentifier PoolId poolId, int nodes, Instant at) {
    }

    public record AddNormalisationFactor(@TargetAggregateIdentifier PoolId poolId, Instant effectiveFrom,
                                         NormalisationFactor factor) {
    }

    public record AddPrice(@TargetAggregateIdentifier PoolId poolId, Instant effectiveFrom, PricePerGpuHour price) {
    }
}
