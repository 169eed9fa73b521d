package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.OverConsumptionPolicy;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The balance view of API.md. {@code balance = granted + supplemented + transferredIn + refunded − consumed −
 * transferredOut − clawedBack − expired}; {@code usedPercent} is API.md's: consumption net of refunds over the
 * initial grant plus supplements (docs/allocation-rules.md says why transfers and claw-backs are left out of it).
 */
public record BalanceView(String allocationId, String projectId, String poolId, FundingSource fundingSource,
                          String schedulerAccount, Instant periodStart, Instant periodEnd,
                          int overConsumptionPercent, AllocationState state,
                          GpuSeconds granted, GpuSeconds supplemented, GpuSeconds consumed, GpuSeconds refunded,
                          GpuSeconds transferredIn, GpuSeconds transferredOut, GpuSeconds clawedBack,
                          GpuSeconds expired) {

    public GpuSeconds entitlement() {
        return granted.plus(supplemented).plus(transferredIn).minus(transferredOut).minus(clawedBack);
    }

    public GpuSeconds netConsumed() {
        return consumed.minus(refunded);
    }

    public GpuSeconds balance() {
        return entitlement().minus(netConsumed()).minus(expired);
    }

    /** What {@link #usedPercent} is measured against: the initial grant plus supplements. */
    public GpuSeconds grantedAndSupplemented() {
        return granted.plus(supplemented);
    }

    public BigDecimal usedPercent() {
        return OverConsumptionPolicy.usedPercent(netConsumed(), grantedAndSupplemented());
    }

    /** The state in order of precedence: expired, suspended, then where consumption stands. */
    public static AllocationState stateOf(boolean hasExpired, boolean suspended, Standing standing) {
        if (hasExpired) {
            return AllocationState.EXPIRED;
        }
        if (suspended) {
            return AllocationState.SUSPENDED;
        }
        return switch (standing) {
            case WITHIN_GRANT -> AllocationState.ACTIVE;
            case LOW_PRIORITY -> AllocationState.LOW_PRIORITY;
            case BLOCKED -> AllocationState.BLOCKED;
        };
    }
}
