package eu.gpuledger.ledger.allocation;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/** DOMAIN.md rule 6: the expected pace of consumption, which a project far behind is warned against. */
public final class UnderConsumptionPolicy {

    private UnderConsumptionPolicy() {
    }

    /**
     * The entitlement × time elapsed / length of the period, in whole GPU-seconds (rounded down); the time elapsed
     * is held within the period.
     */
    public static GpuSeconds expectedPace(GpuSeconds entitlement, Instant periodStart, Instant periodEnd, Instant at) {
        long periodSeconds = Duration.between(periodStart, periodEnd).toSeconds();
        long elapsedSeconds = Math.max(0, Math.min(periodSeconds, Duration.between(periodStart, at).toSeconds()));
        return GpuSeconds.of(BigInteger.valueOf(entitlement.value()).multiply(BigInteger.valueOf(elapsedSeconds))
                .divide(BigInteger.valueOf(periodSeconds)).longValueExact());
    }
}
