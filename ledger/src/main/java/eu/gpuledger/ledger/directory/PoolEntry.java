package eu.gpuledger.ledger.directory;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;

/** A pool as the charging rules need it: where it is, whose it is, the shape of its nodes, and whether it is charged. */
public record PoolEntry(PoolId poolId, ProviderId providerId, ClusterName cluster, String partition,
                        String gpuModel, int gpusPerNode, int cpusPerNode, boolean charged) {
}
