package eu.gpuledger.server.web.allocation;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.OverConsumptionPolicy;
import eu.gpuledger.ledger.allocation.UnderConsumptionPolicy;
import eu.gpuledger.ledger.allocation.UsageThreshold;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.projections.balance.BalanceQueries;
import eu.gpuledger.projections.balance.BalanceView;
import eu.gpuledger.projections.usage.AllocationDays;
import eu.gpuledger.server.security.ReadAccess;
import eu.gpuledger.server.web.Quantity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocation's consumption over its period, for a chart: the cumulative net consumption (charges less refunds) at
 * points of the period, the expected pace at the same points ({@link UnderConsumptionPolicy#expectedPace}, the pace a
 * claw-back warning measures against) and the notice thresholds of {@link OverConsumptionPolicy}. The ledger's rules
 * compute every figure, so a chart draws them and decides nothing.
 * <p>
 * The points are the period's start, UTC midnights every {@code strideDays} (one day for a period of up to
 * {@link #POINTS_MAX} days, more for a longer one, so the answer stays bounded), now when it falls in the period, and
 * the period's end. Consumption is counted by UTC day of effective time (the daily usage read model), so a point
 * counts the days that began before it; it is given only for points not in the future.
 */
@RestController
@RequestMapping("/api/v1")
public class ConsumptionController {

    /** Midnight points at most, whatever the period's length. */
    static final int POINTS_MAX = 400;

    private final BalanceQueries balances;
    private final AllocationDays days;
    private final ReadAccess access;
    private final Clock clock;

    public ConsumptionController(BalanceQueries balances, AllocationDays days, ReadAccess access, Clock clock) {
        this.balances = balances;
        this.days = days;
        this.access = access;
        this.clock = clock;
    }

    /** A notice threshold as consumption: {@code PERCENT_80}, {@code PERCENT_100} or {@code EFFECTIVE_LIMIT}. */
    public record Threshold(UsageThreshold threshold, Quantity at) {
    }

    /** Net consumption so far at {@code at} (absent in the future), and the expected pace there. */
    public record Point(Instant at, @JsonInclude(JsonInclude.Include.NON_NULL) Quantity netConsumed,
                        Quantity expected) {
    }

    public record Consumption(String allocationId, Instant periodStart, Instant periodEnd, Instant now,
                              long strideDays, Quantity entitlement, Quantity netConsumed,
                              List<Threshold> thresholds, List<Point> points) {
    }

    @GetMapping("/allocations/{allocationId}/consumption")
    public Consumption consumption(@PathVariable String allocationId) {
        AllocationId id = AllocationId.parse(allocationId, "allocationId");
        access.allocation(id);
        BalanceView view = balances.balance(id).orElseThrow(() -> new UnknownReference("allocationId", allocationId));
        Instant start = view.periodStart();
        Instant end = view.periodEnd();
        Instant now = clock.instant();
        GpuSeconds entitlement = view.entitlement();

        long periodDays = Math.max(1, Duration.between(start, end).toDays());
        long strideDays = Math.max(1, Math.ceilDiv(periodDays, POINTS_MAX));
        List<Instant> instants = new ArrayList<>();
        instants.add(start);
        Instant firstMidnight = start.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        for (Instant midnight = firstMidnight; midnight.isBefore(end) && instants.size() <= POINTS_MAX + 1;
             midnight = midnight.atZone(ZoneOffset.UTC).plusDays(strideDays).toInstant()) {
            if (now.isAfter(instants.getLast()) && now.isBefore(midnight)) {
                instants.add(now);
            }
            instants.add(midnight);
        }
        if (now.isAfter(instants.getLast()) && now.isBefore(end)) {
            instants.add(now);
        }
        instants.add(end);

        List<AllocationDays.Day> usage = days.of(id.value());
        List<Point> points = new ArrayList<>(instants.size());
        GpuSeconds cumulative = GpuSeconds.ZERO;
        int next = 0;
        for (Instant at : instants) {
            while (next < usage.size() && usage.get(next).day().atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(at)) {
                cumulative = cumulative.plus(usage.get(next).netConsumed());
                next++;
            }
            points.add(new Point(at, at.isAfter(now) ? null : Quantity.of(cumulative),
                    Quantity.of(UnderConsumptionPolicy.expectedPace(entitlement, start, end, at))));
        }
        List<Threshold> thresholds = List.of(
                new Threshold(UsageThreshold.PERCENT_80, Quantity.of(percentOf(entitlement,
                        OverConsumptionPolicy.NOTICE_PERCENT))),
                new Threshold(UsageThreshold.PERCENT_100, Quantity.of(percentOf(entitlement,
                        OverConsumptionPolicy.FULL_PERCENT))),
                new Threshold(UsageThreshold.EFFECTIVE_LIMIT, Quantity.of(view.effectiveLimit())));
        return new Consumption(view.allocationId(), start, end, now, strideDays, Quantity.of(entitlement),
                Quantity.of(view.netConsumed()), thresholds, points);
    }

    /** {@code percent} of the entitlement in whole GPU-seconds, rounded down (for drawing a line, not for a rule). */
    private static GpuSeconds percentOf(GpuSeconds entitlement, int percent) {
        return GpuSeconds.of(BigInteger.valueOf(entitlement.value()).multiply(BigInteger.valueOf(percent))
                .divide(BigInteger.valueOf(100)).longValueExact());
    }
}
