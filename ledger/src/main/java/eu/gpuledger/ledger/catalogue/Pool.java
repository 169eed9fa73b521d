package eu.gpuledger.ledger.catalogue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddNormalisationFactor;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.AddPrice;
import eu.gpuledger.ledger.catalogue.CatalogueCommands.RegisterPool;
import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

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

    protected Pool() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterPool command) {
        PoolRegistered registered = new PoolRegistered(command.poolId(),
                InvalidInput.requirePresent(command.providerId(), "providerId"),
                InvalidInput.requirePresent(command.cluster(), "cluster"),
                InvalidInput.requireText(command.partition(), "partition"),
                InvalidInput.requireText(command.gpuModel(), "gpuModel"),
                command.gpusPerNode(), command.cpusPerNode(), command.charged());
        if (registration != null) {
            if (!registration.equals(registered)) {
                throw new IdempotencyConflict("poolId", command.poolId().value());
            }
            return;
        }
        if (command.gpusPerNode() < 0 || (command.charged() && command.gpusPerNode() == 0)) {
            throw new InvalidInput("gpusPerNode", "must be positive for a charged pool (0 is allowed only for an"
                    + " uncharged one, e.g. a CPU partition), got " + command.gpusPerNode());
        }
        if (command.cpusPerNode() <= 0) {
            throw new InvalidInput("cpusPerNode", "must be positive, got " + command.cpusPerNode());
        }
        apply(registered);
    }

    @CommandHandler
    public void handle(AddNormalisationFactor command) {
        NormalisationFactorAdded added = new NormalisationFactorAdded(poolId,
                InvalidInput.requirePresent(command.effectiveFrom(), "effectiveFrom"),
                InvalidInput.requirePresent(command.factor(), "normalisedPerGpuHour"));
        NormalisationFactorAdded earlier = factors.get(command.effectiveFrom());
        if (earlier != null) {
            if (!earlier.equals(added)) {
                throw new IdempotencyConflict("effectiveFrom", command.effectiveFrom().toString());
            }
            return;
        }
        apply(added);
    }

    @CommandHandler
    public void handle(AddPrice command) {
        PriceAdded added = new PriceAdded(poolId,
                InvalidInput.requirePresent(command.effectiveFrom(), "effectiveFrom"),
                InvalidInput.requirePresent(command.price(), "eurPerGpuHour"));
        PriceAdded earlier = prices.get(command.effectiveFrom());
        if (earlier != null) {
            if (!earlier.equals(added)) {
                throw new IdempotencyConflict("effectiveFrom", command.effectiveFrom().toString());
            }
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
    void on(PriceAdded event) {
        prices.put(event.effectiveFrom(), event);
    }
}
