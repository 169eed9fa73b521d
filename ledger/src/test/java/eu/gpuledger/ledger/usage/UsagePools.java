package eu.gpuledger.ledger.usage;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.directory.InMemoryDirectory;
import eu.gpuledger.ledger.directory.PoolEntry;

/** Pools shaped like Jean Zay's (IDRIS) and a private cloud's, for usage tests. */
public final class UsagePools {

    public static final ClusterName JEAN_ZAY = ClusterName.of("jean-zay");
    public static final ProviderId IDRIS = ProviderId.of("idris");
    public static final ProviderId CLOUD = ProviderId.of("sovereign-cloud");

    /** H100 partition: 4 GPUs and 96 cores a node. */
    public static final PoolEntry GPU_P6 = new PoolEntry(PoolId.of("jz-gpu_p6"), IDRIS, JEAN_ZAY, "gpu_p6", "H100",
            4, 96, true);
    /** V100 partition: 4 GPUs and 40 cores a node. */
    public static final PoolEntry GPU_P13 = new PoolEntry(PoolId.of("jz-gpu_p13"), IDRIS, JEAN_ZAY, "gpu_p13",
            "V100", 4, 40, true);
    /** Pre/post-processing partition: never charged. */
    public static final PoolEntry PREPOST = new PoolEntry(PoolId.of("jz-prepost"), IDRIS, JEAN_ZAY, "prepost",
            "V100", 1, 48, false);
    /** A private cloud's H100 pool, billed per minute. */
    public static final PoolEntry CLOUD_H100 = new PoolEntry(PoolId.of("cloud-h100"), CLOUD,
            ClusterName.of("paris-1"), "h100", "H100", 8, 192, true);

    private UsagePools() {
    }

    /** A directory that knows these pools, as their registration events wrote them. */
    public static InMemoryDirectory directory() {
        InMemoryDirectory directory = new InMemoryDirectory();
        for (PoolEntry pool : new PoolEntry[]{GPU_P6, GPU_P13, PREPOST, CLOUD_H100}) {
            directory.record(new PoolRegistered(pool.poolId(), pool.providerId(), pool.cluster(), pool.partition(),
                    pool.gpuModel(), pool.gpusPerNode(), pool.cpusPerNode(), pool.charged()));
        }
        return directory;
    }
}
