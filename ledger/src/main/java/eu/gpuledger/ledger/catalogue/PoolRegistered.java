package eu.gpuledger.ledger.catalogue;

import org.axonframework.serialization.Revision;

/**
 * A resource pool entered the catalogue: one Slurm partition of one cluster, with the node shape that the
 * whole-node charging rule needs.
 *
 * @param charged false for partitions that are never charged (pre/post-processing, visualisation, compilation)
 */
@Revision("1")
public record PoolRegistered(PoolId poolId, ProviderId providerId, ClusterName cluster, String partition,
                             String gpuModel, int gpusPerNode, int cpusPerNode, boolean charged) {
}
