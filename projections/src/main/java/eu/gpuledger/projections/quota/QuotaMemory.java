package eu.gpuledger.projections.quota;

import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationMovement;
import eu.gpuledger.ledger.allocation.AllocationResumed;
import eu.gpuledger.ledger.allocation.AllocationStandingChanged;
import eu.gpuledger.ledger.allocation.AllocationState;
import eu.gpuledger.ledger.allocation.AllocationSuspended;
import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.Buckets;
import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.catalogue.PoolRegistered;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.projections.balance.AllocationBalanceProjection;
import eu.gpuledger.projections.balance.BalanceView;
import eu.gpuledger.projections.catalogue.CatalogueProjection;
import eu.gpuledger.projections.lag.ProjectionLag;
import eu.gpuledger.projections.quota.QuotaQueries.QuotaAnswer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.config.EventProcessingConfiguration;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;

/**
 * The quota hooks' answers from memory (docs/quota.md): every node keeps the allocations that have a scheduler
 * account and the place of every pool, and answers {@link #decide} and {@link #blockedAccounts} without a database
 * round trip, by the rules of {@link QuotaQueries}.
 * <p>
 * Kept by a streaming processor of its own on each node ({@value #PROCESSING_GROUP}), whose token lives in that
 * node's memory: each node sees every event. At start the memory is loaded from the balance view and the catalogue
 * in one snapshot together with their processors' tokens ({@link #startFromTheReadModels()}), and the processor
 * starts at the lowest of those tokens; an event the snapshot already holds (its segment's token covered it) is
 * skipped, so nothing is counted twice and nothing is missed. Reset to the first event, the processor rebuilds the
 * memory from the events alone.
 * <p>
 * A handler applies its event at once, not at the batch's commit: the memory is its only state, so a batch that
 * fails and is handled again must not count twice, which {@link Held#lastIndex()} ensures (an allocation's events
 * come in the order of their global indexes, as each waited for the one before it to commit).
 */
@Component
@ProcessingGroup(QuotaMemory.PROCESSING_GROUP)
public class QuotaMemory {

    public static final String PROCESSING_GROUP = "quota-memory";

    /** Where a pool's allocations run: its cluster and its Slurm partition. Registered once, never changed. */
    private record Place(String cluster, String partition) {
    }

    /**
     * An allocation with a scheduler account as the balance view holds it, and the global index of the last event
     * applied to it (-1 when loaded from the balance view, whose coverage the {@link StartingPoint} knows).
     */
    private record Held(String allocationId, String projectId, String poolId, FundingSource fundingSource,
                        String account, Instant periodStart, Instant periodEnd, int overConsumptionPercent,
                        Buckets buckets, boolean expired, boolean suspended, Standing standing, long lastIndex) {

        Held moved(AllocationMovement movement, long index) {
            return new Held(allocationId, projectId, poolId, fundingSource, account, periodStart, periodEnd,
                    overConsumptionPercent, buckets.plus(movement), expired || movement instanceof AllocationExpired,
                    suspended, standing, index);
        }

        Held standing(Standing to, long index) {
            return new Held(allocationId, projectId, poolId, fundingSource, account, periodStart, periodEnd,
                    overConsumptionPercent, buckets, expired, suspended, to, index);
        }

        Held suspended(boolean to, long index) {
            return new Held(allocationId, projectId, poolId, fundingSource, account, periodStart, periodEnd,
                    overConsumptionPercent, buckets, expired, to, standing, index);
        }

        boolean inForceAt(Instant at) {
            return !periodStart.isAfter(at) && periodEnd.isAfter(at);
        }

        BalanceView view() {
            return new BalanceView(allocationId, projectId, poolId, fundingSource, account, periodStart, periodEnd,
                    overConsumptionPercent, AllocationState.of(expired, suspended, standing), buckets.granted(),
                    buckets.supplemented(), buckets.consumed(), buckets.refunded(), buckets.transferredIn(),
                    buckets.transferredOut(), buckets.clawedBack(), buckets.expired());
        }
    }

    /**
     * What the snapshot the memory was loaded from holds: the balance view's segments with their tokens then, and
     * the balance processor's sequencing policy, which says which segment an event belongs to.
     */
    private record StartingPoint(List<Segment> segments, Map<Integer, TrackingToken> tokens,
                                 SequencingPolicy<? super EventMessage<?>> policy) {

        static final StartingPoint FIRST_EVENT = new StartingPoint(List.of(), Map.of(), null);

        boolean holds(EventMessage<?> message, long index) {
            if (segments.isEmpty()) {
                return false;
            }
            Object sequence = policy.getSequenceIdentifierFor(message);
            int hash = Objects.hashCode(sequence == null ? message.getIdentifier() : sequence);
            for (Segment segment : segments) {
                if (segment.matches(hash)) {
                    return covers(tokens.get(segment.getSegmentId()), index);
                }
            }
            throw new IllegalStateException("no segment of " + AllocationBalanceProjection.PROCESSING_GROUP
                    + " matches event " + message.getIdentifier() + " (segments " + segments + ")");
        }
    }

    private final DSLContext sql;
    private final DataSource dataSource;
    private final ProjectionLag lag;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    private final Map<String, Place> pools = new ConcurrentHashMap<>();
    private final Map<String, Held> allocations = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> allocationsOfAccount = new ConcurrentHashMap<>();
    private volatile StartingPoint start = StartingPoint.FIRST_EVENT;

    /**
     * @param processing Axon's, for the balance processor's sequencing policy when the memory is loaded (provided
     *                   late: Axon's configuration registers this very handler)
     */
    public QuotaMemory(DSLContext sql, DataSource dataSource, ProjectionLag lag,
                       ObjectProvider<EventProcessingConfiguration> processing) {
        this.sql = sql;
        this.dataSource = dataSource;
        this.lag = lag;
        this.processing = processing;
    }

    /** What a scheduler should do with a new job of the account: {@link QuotaQueries#decide}, from memory. */
    public QuotaAnswer decide(String cluster, String account, Optional<String> partition, Instant at) {
        Set<String> ofAccount = allocationsOfAccount.getOrDefault(account, Set.of());
        QuotaAnswer best = null;
        for (String allocationId : ofAccount.size() > 1 ? new TreeSet<>(ofAccount) : ofAccount) {
            Held held = allocations.get(allocationId);
            Place place = held == null ? null : pools.get(held.poolId());
            if (place == null || !place.cluster().equals(cluster) || !held.inForceAt(at)) {
                continue;
            }
            if (partition.isPresent() && !partition.get().equals(place.partition())) {
                continue;
            }
            best = QuotaQueries.mostFavourable(best, QuotaQueries.answerOf(account, held.view()));
        }
        return best == null ? QuotaQueries.noAllocationInForce(cluster, account, partition, at) : best;
    }

    /** {@link QuotaQueries#blockedAccounts}, from memory: accounts in order, each once. */
    public List<String> blockedAccounts(String cluster, Instant at) {
        Map<String, QuotaAnswer> byAccount = new TreeMap<>();
        for (Held held : allocations.values()) {
            Place place = pools.get(held.poolId());
            if (place == null || !place.cluster().equals(cluster) || !held.inForceAt(at)) {
                continue;
            }
            byAccount.put(held.account(), QuotaQueries.mostFavourable(byAccount.get(held.account()),
                    QuotaQueries.answerOf(held.account(), held.view())));
        }
        return byAccount.values().stream().filter(answer -> answer.decision() == QuotaQueries.Decision.DENY)
                .map(QuotaAnswer::account).toList();
    }

    /** How many allocations with a scheduler account this node holds in memory. */
    public int allocationsHeld() {
        return allocations.size();
    }

    /**
     * Loads the memory from the balance view and the catalogue, and answers where the processor starts: the lowest
     * position of their segments (below their lowest gap), or the first event when one of them has processed
     * nothing. Rows and tokens are read in one REPEATABLE READ snapshot, and each read model commits its rows with
     * its token, so the rows hold exactly the events the tokens cover.
     *
     * @return the processor's initial token (null: the first event)
     * @throws IllegalStateException when the memory is not empty: a reset must go to the first event (the memory
     *                               is then rebuilt from the events), or the node restarted
     */
    public TrackingToken startFromTheReadModels() {
        if (!allocations.isEmpty() || !pools.isEmpty()) {
            throw new IllegalStateException(PROCESSING_GROUP + " is loaded from the read models only at start: reset"
                    + " it to the first event to rebuild it from the events, or restart the node");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                TrackingToken startAt = load(sql.configuration().derive(connection).dsl());
                connection.commit();
                return startAt;
            } catch (RuntimeException failed) {
                connection.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(PROCESSING_GROUP + " could not read the balance view to start", failed);
        }
    }

    /**
     * The snapshot's reads, on a connection of its own (the processor may call this inside a transaction of its
     * own, whose isolation cannot be changed any more).
     */
    private TrackingToken load(DSLContext snapshot) {
        Map<Integer, TrackingToken> balanceTokens =
                lag.committedTokens(AllocationBalanceProjection.PROCESSING_GROUP, snapshot);
        Map<Integer, TrackingToken> catalogueTokens = lag.committedTokens(CatalogueProjection.PROCESSING_GROUP, snapshot);
        snapshot.select(VIEW_POOL.POOL_ID, VIEW_POOL.CLUSTER, VIEW_POOL.PARTITION).from(VIEW_POOL)
                .forEach(row -> pools.put(row.value1(), new Place(row.value2(), row.value3())));
        snapshot.selectFrom(ALLOCATION_BALANCE).where(ALLOCATION_BALANCE.SCHEDULER_ACCOUNT.isNotNull())
                .forEach(row -> hold(new Held(row.getAllocationId(), row.getProjectId(), row.getPoolId(),
                        FundingSource.valueOf(row.getFundingSource()), row.getSchedulerAccount(),
                        row.getPeriodStart(), row.getPeriodEnd(), row.getOverConsumptionPercent(),
                        new Buckets(GpuSeconds.of(row.getGranted()), GpuSeconds.of(row.getSupplemented()),
                                GpuSeconds.of(row.getConsumed()), GpuSeconds.of(row.getRefunded()),
                                GpuSeconds.of(row.getTransferredIn()), GpuSeconds.of(row.getTransferredOut()),
                                GpuSeconds.of(row.getClawedBack()), GpuSeconds.of(row.getExpired())),
                        row.getHasExpired(), row.getSuspended(), Standing.valueOf(row.getStanding()), -1)));
        if (balanceTokens.isEmpty()) {
            start = StartingPoint.FIRST_EVENT;
        } else {
            int[] ids = balanceTokens.keySet().stream().mapToInt(Integer::intValue).toArray();
            List<Segment> segments = new ArrayList<>();
            for (int id : ids) {
                segments.add(Segment.computeSegment(id, ids));
            }
            start = new StartingPoint(segments, new HashMap<>(balanceTokens),
                    processing.getObject().sequencingPolicy(AllocationBalanceProjection.PROCESSING_GROUP));
        }
        List<TrackingToken> sources = new ArrayList<>(balanceTokens.values());
        sources.addAll(catalogueTokens.values());
        return lowestPosition(sources);
    }

    /** Where a stream must start to see every event one of these tokens has not covered (null: the first event). */
    static TrackingToken lowestPosition(List<TrackingToken> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            TrackingToken position = token == null ? null : WrappedToken.unwrapLowerBound(token);
            if (!(position instanceof GapAwareTrackingToken gapAware)) {
                return null;
            }
            lowest = Math.min(lowest, gapAware.getIndex());
            if (!gapAware.getGaps().isEmpty()) {
                lowest = Math.min(lowest, gapAware.getGaps().first() - 1);
            }
        }
        return lowest < 0 ? null : GapAwareTrackingToken.newInstance(lowest, Set.of());
    }

    /** Whether a segment at {@code token} has processed the event at {@code index} (as the read-your-writes wait). */
    private static boolean covers(TrackingToken token, long index) {
        TrackingToken position = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (position instanceof GapAwareTrackingToken gapAware) {
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return position != null && position.position().orElse(-1) >= index;
    }

    @EventHandler
    void on(PoolRegistered event) {
        pools.put(event.poolId().value(), new Place(event.cluster().value(), event.partition()));
    }

    @EventHandler
    void on(AllocationMovement movement, EventMessage<?> message, TrackingToken token) {
        long index = indexOf(token);
        if (movement instanceof AllocationGranted grant) {
            if (grant.schedulerAccount() != null && !allocations.containsKey(grant.allocationId().value())
                    && !start.holds(message, index)) {
                hold(new Held(grant.allocationId().value(), grant.projectId().value(), grant.poolId().value(),
                        grant.fundingSource(), grant.schedulerAccount().value(), grant.periodStart(),
                        grant.periodEnd(), grant.overConsumptionPercent(), Buckets.EMPTY.plus(grant), false, false,
                        Standing.WITHIN_GRANT, index));
            }
            return;
        }
        Held held = notYetApplied(movement.allocationId().value(), message, index);
        if (held != null) {
            allocations.put(held.allocationId(), held.moved(movement, index));
        }
    }

    @EventHandler
    void on(AllocationStandingChanged event, EventMessage<?> message, TrackingToken token) {
        long index = indexOf(token);
        Held held = notYetApplied(event.allocationId().value(), message, index);
        if (held != null) {
            allocations.put(held.allocationId(), held.standing(event.to(), index));
        }
    }

    @EventHandler
    void on(AllocationSuspended event, EventMessage<?> message, TrackingToken token) {
        long index = indexOf(token);
        Held held = notYetApplied(event.allocationId().value(), message, index);
        if (held != null) {
            allocations.put(held.allocationId(), held.suspended(true, index));
        }
    }

    @EventHandler
    void on(AllocationResumed event, EventMessage<?> message, TrackingToken token) {
        long index = indexOf(token);
        Held held = notYetApplied(event.allocationId().value(), message, index);
        if (held != null) {
            allocations.put(held.allocationId(), held.suspended(false, index));
        }
    }

    /** Replayed from the first event: the memory is rebuilt from the events alone. */
    @ResetHandler
    void reset() {
        start = StartingPoint.FIRST_EVENT;
        allocations.clear();
        allocationsOfAccount.clear();
        pools.clear();
    }

    /**
     * The allocation held in memory when the event is still to be applied to it, else null: an allocation without
     * a scheduler account, an event the snapshot held, or one applied already by a batch handled again.
     */
    private Held notYetApplied(String allocationId, EventMessage<?> message, long index) {
        Held held = allocations.get(allocationId);
        if (held == null || index <= held.lastIndex() || start.holds(message, index)) {
            return null;
        }
        return held;
    }

    private void hold(Held held) {
        allocations.put(held.allocationId(), held);
        allocationsOfAccount.computeIfAbsent(held.account(), account -> ConcurrentHashMap.newKeySet())
                .add(held.allocationId());
    }

    private static long indexOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("an event without a position: " + token));
    }
}
