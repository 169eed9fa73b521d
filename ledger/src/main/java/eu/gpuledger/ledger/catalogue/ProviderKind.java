package eu.gpuledger.ledger.catalogue;

/** Public national centre or private GPU provider priced per GPU-hour. */
public enum ProviderKind {
    PUBLIC,
    PRIVATE
}
