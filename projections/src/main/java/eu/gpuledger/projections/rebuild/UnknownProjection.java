package eu.gpuledger.projections.rebuild;

import eu.gpuledger.ledger.refusal.UnknownReference;

/** A rebuild was asked for a projection that does not exist. */
public class UnknownProjection extends UnknownReference {
    public UnknownProjection(String name) {
        super("projection", name);
    }
}
