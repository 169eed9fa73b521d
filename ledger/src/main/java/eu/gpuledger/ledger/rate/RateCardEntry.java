package eu.gpuledger.ledger.rate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import eu.gpuledger.ledger.directory.Directory;
import eu.gpuledger.ledger.idempotency.ClientIds;
import eu.gpuledger.ledger.rate.RateCommands.AddRate;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One version of a funder's rate card on a pool (DOMAIN.md rule 8: rates are effective-dated, added, never edited).
 * Its own aggregate, keyed by the client's rate id, so that the id is the idempotency key across every funder and
 * pool; that a funder has one version per pool and instant spans entries, so the {@link Directory} answers it.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class RateCardEntry {

    @AggregateIdentifier
    private RateId rateId;
    private RateAdded added;

    protected RateCardEntry() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AddRate command, Directory directory) {
        RateAdded candidate = new RateAdded(command.rateId(),
                InvalidInput.requirePresent(command.funder(), "funder"),
                InvalidInput.requirePresent(command.poolId(), "poolId"),
                InvalidInput.requirePresent(command.effectiveFrom(), "effectiveFrom"),
                InvalidInput.requirePresent(command.rate(), "eurPerGpuHour"));
        if (ClientIds.isReplay("rateId", command.rateId(), added, candidate)) {
            return;
        }
        if (!directory.poolExists(command.poolId())) {
            throw new UnknownReference("poolId", command.poolId().value());
        }
        assertOneVersionPerInstant(candidate, directory);
        apply(candidate);
    }

    /** A funder's rate on a pool has one version per instant: another id there would be an edit in disguise. */
    private static void assertOneVersionPerInstant(RateAdded candidate, Directory directory) {
        directory.rateVersionAt(candidate.funder(), candidate.poolId(), candidate.effectiveFrom())
                .ifPresent(other -> {
                    throw new RateVersionTaken("funder " + candidate.funder() + " already has rate '" + other
                            + "' on pool " + candidate.poolId() + " from " + candidate.effectiveFrom()
                            + ": a version is added, never edited; add the correction from a later instant");
                });
    }

    @EventSourcingHandler
    void on(RateAdded event) {
        rateId = event.rateId();
        added = event;
    }
}
