package eu.gpuledger.ledger.catalogue;

import eu.gpuledger.ledger.catalogue.CatalogueCommands.DeclareCluster;
import eu.gpuledger.ledger.correction.CorrectionChangesNothing;
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

import java.time.ZoneId;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A Slurm cluster and the time zone its accounting prints local times in. */
@Aggregate
public class Cluster {

    @AggregateIdentifier
    private ClusterName cluster;
    private ClusterDeclared declaration;
    /** The zone later imports read local times in: the declared one, or the last correction's. */
    private ZoneId timeZone;
    private final ClientIds<ClusterTimeZoneCorrected> corrections = new ClientIds<>();

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

    /**
     * A new time zone, as a new version: the declaration is never edited. Only imports read after it use the new
     * zone; what was booked before was converted to UTC when it was read and stays as it is.
     */
    @CommandHandler
    public void handle(CorrectClusterTimeZone command) {
        ClusterTimeZoneCorrected corrected = new ClusterTimeZoneCorrected(cluster, command.correctionId(),
                InvalidInput.requirePresent(command.timeZone(), "timeZone"),
                InvalidInput.requireText(command.reason(), "reason"));
        if (corrections.isReplay("correctionId", command.correctionId().value(), corrected)) {
            return;
        }
        if (corrected.timeZone().equals(timeZone)) {
            throw new CorrectionChangesNothing("cluster '" + cluster + "' is already in time zone " + timeZone);
        }
        apply(corrected);
    }

    @EventSourcingHandler
    void on(ClusterDeclared event) {
        cluster = event.cluster();
        declaration = event;
        timeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(ClusterTimeZoneCorrected event) {
        timeZone = event.timeZone();
        corrections.remember(event.correctionId().value(), event);
    }
}
