package eu.gpuledger.ledger.allocation.reconciliation;

/** The buckets of API.md's balance view, in GPU-seconds, and the balance equation over them. */
record Buckets(long granted, long supplemented, long consumed, long refunded, long transferredIn,
               long transferredOut, long clawedBack, long expired) {

    long balance() {
        return granted + supplemented + transferredIn + refunded - consumed - transferredOut - clawedBack - expired;
    }

    long entitlement() {
        return granted + supplemented + transferredIn - transferredOut - clawedBack;
    }

    long netConsumed() {
        return consumed - refunded;
    }
}
