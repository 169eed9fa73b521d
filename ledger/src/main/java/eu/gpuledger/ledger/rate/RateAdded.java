package eu.gpuledger.ledger.rate;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.PoolId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A funder's rate on a pool, in force from {@code effectiveFrom} until the funder's next version on that pool.
 * Versions are added, never edited: a statement names the version it used, so that version must stay as it was.
 */
@Revision("1")
public record RateAdded(RateId rateId, FundingSource funder, PoolId poolId, Instant effectiveFrom,
                        RatePerHour rate) {
}
