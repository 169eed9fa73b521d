package eu.gpuledger.ledger.usage.charging;

/** Which rule of DOMAIN.md rules 2 and 4 decided a job's charged GPUs. */
public enum ChargingRule {
    /** The pool is never charged (pre/post-processing, visualisation, compilation...): nothing. */
    UNCHARGED_POOL,
    /** The job spans several nodes: whole nodes, nodes × GPUs per node. */
    WHOLE_NODES_MULTI_NODE,
    /** The job holds every CPU of its node (exclusive): the whole node's GPUs. */
    WHOLE_NODE_EXCLUSIVE,
    /** The job's share of the node's CPUs is worth more GPUs than it asked: the GPUs of that share, rounded up. */
    CPU_SHARE,
    /** The GPUs the job was allocated. */
    GPUS_ALLOCATED,
    /** A private provider's record billed per minute: GPUs × billed minutes. */
    BILLED_MINUTES
}
