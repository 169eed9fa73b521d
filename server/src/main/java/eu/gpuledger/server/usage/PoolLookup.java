package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.directory.LedgerDirectory;
import eu.gpuledger.ledger.directory.LedgerDirectory.PoolEntry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The pools of one import, looked up once per (cluster, partition) rather than once per line. */
final class PoolLookup {

    private final LedgerDirectory directory;
    private final Map<String, Optional<PoolEntry>> pools = new HashMap<>();

    PoolLookup(LedgerDirectory directory) {
        this.directory = directory;
    }

    Optional<PoolEntry> of(ClusterName cluster, String partition) {
        return pools.computeIfAbsent(cluster.value() + "\u0000" + partition,
                key -> directory.poolOfPartition(cluster, partition));
    }

    static String noPool(ClusterName cluster, String partition) {
        return "partition " + partition + " of cluster " + cluster + " is not a pool of the catalogue";
    }
}
