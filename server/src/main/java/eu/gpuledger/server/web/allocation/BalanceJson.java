package eu.gpuledger.server.web.allocation;

import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.projections.balance.BalanceView;
import eu.gpuledger.server.web.Quantity;

import java.math.BigDecimal;
import java.time.Instant;

/** The balance view of API.md as JSON. */
public record BalanceJson(String allocationId, String projectId, String poolId, FundingSource fundingSource,
                          String schedulerAccount, Instant periodStart, Instant periodEnd,
                          int overConsumptionPercent, AllocationState state,
                          Quantity granted, Quantity supplemented, Quantity consumed, Quantity refunded,
                          Quantity transferredIn, Quantity transferredOut, Quantity clawedBack, Quantity expired,
                          Quantity balance, BigDecimal usedPercent, Quantity entitlement, Quantity effectiveLimit) {

    public static BalanceJson of(BalanceView view) {
        return new BalanceJson(view.allocationId(), view.projectId(), view.poolId(), view.fundingSource(),
                view.schedulerAccount(), view.periodStart(), view.periodEnd(), view.overConsumptionPercent(),
                view.state(), Quantity.of(view.granted()), Quantity.of(view.supplemented()),
                Quantity.of(view.consumed()), Quantity.of(view.refunded()), Quantity.of(view.transferredIn()),
                Quantity.of(view.transferredOut()), Quantity.of(view.clawedBack()), Quantity.of(view.expired()),
                Quantity.of(view.balance()), view.usedPercent(), Quantity.of(view.entitlement()),
                Quantity.of(view.effectiveLimit()));
    }
}
