package eu.gpuledger.projections.balance;

import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md: usedPercent is consumption net of refunds over the initial grant plus supplements. */
class UsedPercentTest {

    private static BalanceView view(long granted, long supplemented, long consumed, long refunded,
                                    long transferredIn, long transferredOut, long clawedBack) {
        return new BalanceView("a", "p", "pool", FundingSource.GENCI, null, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), 25, AllocationState.ACTIVE, hours(granted),
                hours(supplemented), hours(consumed), hours(refunded), hours(transferredIn), hours(transferredOut),
                hours(clawedBack), GpuSeconds.ZERO);
    }

    private static GpuSeconds hours(long hours) {
        return GpuSeconds.ofHours(hours);
    }

    @Test
    void used_percent_is_consumption_net_of_refunds_over_the_grant_plus_supplements() {
        // 90 h consumed, 30 h refunded: 60 h over 100 + 20 h
        assertThat(view(100, 20, 90, 30, 0, 0, 0).usedPercent()).isEqualByComparingTo("50.00");
    }

    @Test
    void hours_transferred_in_do_not_lower_the_used_percent() {
        // the entitlement is 200 h, but the contract's base stays 100 + 20 h
        assertThat(view(100, 20, 90, 30, 80, 0, 0).usedPercent()).isEqualByComparingTo("50.00");
    }

    @Test
    void hours_transferred_out_or_clawed_back_do_not_raise_the_used_percent() {
        assertThat(view(100, 0, 40, 0, 0, 30, 20).usedPercent()).isEqualByComparingTo("40.00");
    }

    @Test
    void used_percent_is_rounded_half_up_to_two_decimals() {
        BalanceView third = new BalanceView("a", "p", "pool", FundingSource.GENCI, null,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), 25,
                AllocationState.ACTIVE, GpuSeconds.of(3), GpuSeconds.ZERO, GpuSeconds.of(2), GpuSeconds.ZERO,
                GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO, GpuSeconds.ZERO);
        assertThat(third.usedPercent()).isEqualByComparingTo("66.67");
    }
}
