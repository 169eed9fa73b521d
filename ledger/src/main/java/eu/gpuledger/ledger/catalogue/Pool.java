package eu.gpuledger.ledger.catalogue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddPrice;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.SizePool;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.directory.PartitionAlreadyPooled;
import eu.gpuledger.ledger.idempotency.ClientIds;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A resource pool with its effective-dated versions of normalisation factor and price (DOMAIN.md rule 8).
 * A version is added, never edited: a second version at the same instant with another value is a conflict.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Pool {

    @AggregateIdentifier
    private PoolId poolId;
    private PoolRegistered registration;
    private Map<Instant, NormalisationFactorAdded> factors = new HashMap<>();
    private Map<Instant, PriceAdded> prices = new HashMap<>();
    private TreeMap<Instant, Integer> sizes = new TreeMap<>();

    /**
     * When the size a pool is first given holds from: its start, whatever day it was declared, since a pool's nodes
     * were there before the ledger was told of them; a later change holds from the moment it is declared.
     */
    public static final Instant SIZED_FROM_THE_START = Instant.EPOCH;

    protected Pool() {
    }

    /** A pool is on a known provider, and one partition of a cluster is one pool: charging must be unambiguous. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterPool command, Directory directory) {
        PoolRegistered registered = new PoolRegistered(command.poolId(),
                InvalidInput.requirePresent(command.providerId(), "providerId"),
                InvalidInput.requirePresent(command.cluster(), "cluster"),
                InvalidInput.requireText(command.partition(), "partition"),
                InvalidInput.requireText(command.gpuModel(), "gpuModel"),
                command.gpusPerNode(), command.cpusPerNode(), command.charged());
        if (ClientIds.isReplay("poolId", command.poolId(), registration, registered)) {
            return;
        }
        if (command.gpusPerNode() < 0 || (command.charged() && command.gpusPerNode() == 0)) {
            throw new InvalidInput("gpusPerNode", "must be positive for a charged pool (0 is allowed only for an"
                    + " uncharged one, e.g. a CPU partition), got " + command.gpusPerNode());
        }
        if (command.cpusPerNode() <= 0) {
            throw new InvalidInput("cpusPerNode", "must be positive, got " + command.cpusPerNode());
        }
        if (!directory.providerExists(command.providerId())) {
            throw new UnknownReference("providerId", command.providerId().value());
        }
        directory.poolOnPartition(command.cluster(), command.partition()).ifPresent(other -> {
            throw new PartitionAlreadyPooled("partition " + command.partition() + " of cluster " + command.cluster()
                    + " is already pool " + other + ": one partition is one pool");
        });
        apply(registered);
    }

    /** Rule: a pool's size is a version from an instant on; the same size again is not a new version. */
    @CommandHandler
    public void handle(SizePool command) {
        if (command.nodes() < 1 || command.nodes() > LedgerLimits.POOL_NODES_MAX) {
            throw new InvalidInput("nodes", "must be between 1 and " + LedgerLimits.POOL_NODES_MAX + ", got "
                    + command.nodes());
        }
        if (sizes.isEmpty()) {
            apply(new PoolSized(poolId, SIZED_FROM_THE_START, command.nodes()));
            return;
        }
        if (sizes.lastEntry().getValue() == command.nodes()) {
            return;
        }
        Instant at = Objects.requireNonNull(command.at(), "at");
        if (!at.isAfter(sizes.lastKey())) {
            throw new InvalidInput("nodes", "a new size holds from now on, after the last one (" + sizes.lastKey()
                    + ")");
        }
        apply(new PoolSized(poolId, at, command.nodes()));
    }

    @CommandHandler
    public void handle(AddNormalisationFactor command) {
        NormalisationFactorAdded added = new NormalisationFactorAdded(poolId,
                InvalidInput.requirePresent(command.effectiveFrom(), "effectiveFrom"),
                InvalidInput.requirePresent(command.factor(), "normalisedPerGpuHour"));
        if (ClientIds.isReplay("effectiveFrom", command.effectiveFrom(), factors.get(command.effectiveFrom()), added)) {
            return;
        }
        apply(added);
    }

    @CommandHandler
    public void handle(AddPrice command) {
        PriceAdded added = new PriceAdded(poolId,
                InvalidInput.requirePresent(command.effectiveFrom(), "effectiveFrom"),
                InvalidInput.requirePresent(command.price(), "eurPerGpuHour"));
        if (ClientIds.isReplay("effectiveFrom", command.effectiveFrom(), prices.get(command.effectiveFrom()), added)) {
            return;
        }
        apply(added);
    }

    @EventSourcingHandler
    void on(PoolRegistered event) {
        poolId = event.poolId();
        registration = event;
    }

    @EventSourcingHandler
    void on(NormalisationFactorAdded event) {
        factors.put(event.effectiveFrom(), event);
    }

    @EventSourcingHandler
    void on(PoolSized event) {
        sizes.put(event.effectiveFrom(), event.nodes());
    }

    @EventSourcingHandler
    void on(PriceAdded event) {
        prices.put(event.effectiveFrom(), event);
    }
}
