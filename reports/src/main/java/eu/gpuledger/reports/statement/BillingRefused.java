package eu.gpuledger.reports.statement;

import eu.gpuledger.ledger.refusal.RuleRefusal;

/**
 * A billing statement that cannot be valued or measured as asked (HTTP 422), said plainly rather than drawn up with a
 * figure missing: usage with no rate of the funder in force at its effective time (a rate card is missing), a rate
 * per normalised GPU-hour on a pool with no factor in force, or a hosting provider whose pools have no size, so that
 * the JU share of its capacity cannot be measured. The detail names the pool, the funder and the instant.
 */
public class BillingRefused extends RuleRefusal {

    private final String problem;

    private BillingRefused(String problem, String message) {
        super(message);
        this.problem = problem;
    }

    static BillingRefused noRateInForce(String funder, String poolId, java.time.Instant at) {
        return new BillingRefused("no-rate-in-force", "usage on pool '" + poolId + "' at " + at + " has no rate of "
                + funder + " in force: add the rate card version (POST /rates) before billing it");
    }

    static BillingRefused noFactorInForce(String poolId, java.time.Instant at) {
        return new BillingRefused("no-factor-in-force", "pool '" + poolId + "' has no normalisation factor in force"
                + " at " + at + ", which its rate per normalised GPU-hour needs");
    }

    static BillingRefused noCapacity(String providerId) {
        return new BillingRefused("pool-size-unknown", "no charged pool of provider '" + providerId + "' has a size"
                + " in the period: the JU share of its capacity cannot be measured (give each pool its nodes,"
                + " PUT /pools/{poolId})");
    }

    @Override
    public String problem() {
        return problem;
    }
}
