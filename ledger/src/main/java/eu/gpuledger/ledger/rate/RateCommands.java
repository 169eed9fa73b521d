package eu.gpuledger.ledger.rate;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.PoolId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands of the rate cards: what a funder pays per hour of a pool, from an instant on. */
public final class RateCommands {

    private RateCommands() {
    }

    /** Adds a version of a funder's rate on a pool, in force from {@code effectiveFrom} until the next version. */
    public record AddRate(@TargetAggregateIdentifier RateId rateId, FundingSource funder, PoolId poolId,
                          Instant effectiveFrom, RatePerHour rate) {
    }
}
