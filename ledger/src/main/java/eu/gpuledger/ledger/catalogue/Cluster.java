package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.catalogue.CatalogueCommands.DeclareCluster;
import eu.gpuledger.ledger.idempotency.ClientIds;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A Slurm cluster and the time zone its accounting prints local times in. */
@Aggregate
public class Cluster {

    @AggregateIdentifier
    private ClusterName cluster;
    private ClusterDeclared declaration;

    protected Cluster() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeclareCluster command, Directory directory) {
        ClusterDeclared declared = new ClusterDeclared(command.cluster(),
                InvalidInput.requirePresent(command.providerId(), "providerId"),
                InvalidInput.requirePresent(command.timeZone(), "timeZone"));
        if (ClientIds.isReplay("cluster", command.cluster(), declaration, declared)) {
            return;
        }
        if (!directory.providerExists(command.providerId())) {
            throw new UnknownReference("providerId", command.providerId().value());
        }
        apply(declared);
    }

    @EventSourcingHandler
    void on(ClusterDeclared event) {
        cluster = event.cluster();
        declaration = event;
    }
}
