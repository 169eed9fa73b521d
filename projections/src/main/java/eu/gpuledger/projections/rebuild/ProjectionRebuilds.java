package eu.gpuledger.projections.rebuild;

import eu.gpuledger.projections.batch.TableNames;
import eu.gpuledger.projections.rebuild.RebuildProgress.Phase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static org.jooq.impl.DSL.name;

/**
 * Rebuilds projections from the event store while the service runs (docs/projection-rebuild.md): the same event
 * handlers replay every event into shadow tables while the live tables keep answering; then the live processor is
 * paused, the shadow takes the last events, and in one transaction the shadow tables take the live tables' names
 * and every segment's token is set to the rebuild's position; the live processor resumes from there.
 * <p>
 * The end of the replay is judged by position (global index) against the head read at the start, never by a
 * processor's "replaying" flag (STACK.md trap 5). The rebuild's position is the event store's own gap-aware token,
 * so an event whose transaction commits late is still delivered to the live processor after the swap (trap 6).
 */
@Component
public class ProjectionRebuilds {

    /** Rebuilding every projection in one pass over the event store. */
    public static final String ALL = "all";

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long PAUSE_TIMEOUT_SECONDS = 60;

    private final Map<String, RebuildableProjection> projections = new LinkedHashMap<>();
    private final EventStorageEngine storage;
    private final TransactionManager transactions;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final DSLContext sql;
    private final Clock clock;
    private final int batchSize;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionRebuilds(List<RebuildableProjection> projections, EventStorageEngine storage,
                              TransactionManager transactions, EventProcessingConfiguration processing,
                              TokenStore tokens, DSLContext sql, Clock clock, MeterRegistry meters,
                              @Value("${ledger.rebuild.batch-size:2000}") int batchSize) {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("ledger.rebuild.batch-size must be in [1, 100000], got " + batchSize);
        }
        projections.forEach(projection -> this.projections.put(projection.processingGroup(), projection));
        this.storage = storage;
        this.transactions = transactions;
        this.processing = processing;
        this.tokens = tokens;
        this.sql = sql;
        this.clock = clock;
        this.batchSize = batchSize;
        List<String> names = new ArrayList<>(this.projections.keySet());
        names.add(ALL);
        for (String name : names) {
            gauge(meters, "ledger.projection.rebuild.events.done", name, RebuildProgress::eventsDone);
            gauge(meters, "ledger.projection.rebuild.events.total", name, RebuildProgress::eventsTotal);
            gauge(meters, "ledger.projection.rebuild.events.per.second", name, RebuildProgress::eventsPerSecond);
            gauge(meters, "ledger.projection.rebuild.seconds.left", name,
                    progress -> progress.secondsLeft() == null ? Double.NaN : progress.secondsLeft());
        }
    }

    private void gauge(MeterRegistry meters, String meter, String name, ToDoubleFunction<RebuildProgress> value) {
        Gauge.builder(meter, this, rebuilds -> rebuilds.progress(name).map(value::applyAsDouble).orElse(Double.NaN))
                .tag("projection", name).register(meters);
    }

    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    /** Starts a rebuild in the background, or returns the progress of the one already running. */
    public RebuildProgress start(String name) {
        List<RebuildableProjection> selected = select(name);
        Rebuild rebuild = rebuilds.compute(name, (key, running) ->
                running != null && !running.progress().finished() ? running : new Rebuild(name, selected));
        if (rebuild.submitted.compareAndSet(false, true)) {
            runner.submit(() -> run(rebuild));
        }
        return rebuild.progress();
    }

    /** Runs a rebuild to its end on the calling thread (tests, the benchmark). */
    public RebuildProgress rebuildNow(String name) {
        Rebuild rebuild = new Rebuild(name, select(name));
        rebuild.submitted.set(true);
        rebuilds.put(name, rebuild);
        run(rebuild);
        return rebuild.progress();
    }

    public Optional<RebuildProgress> progress(String name) {
        select(name);
        return Optional.ofNullable(rebuilds.get(name)).map(Rebuild::progress);
    }

    private List<RebuildableProjection> select(String name) {
        if (ALL.equals(name)) {
            return List.copyOf(projections.values());
        }
        RebuildableProjection projection = projections.get(name);
        if (projection == null) {
            throw new UnknownProjection(name);
        }
        return List.of(projection);
    }

    private void run(Rebuild rebuild) {
        try {
            replayAndSwap(rebuild);
            rebuild.finish(Phase.COMPLETED, null);
            log.info("Rebuilt {}: {} events", rebuild.name, rebuild.done);
        } catch (Exception | Error failure) {
            log.error("Rebuild of {} failed", rebuild.name, failure);
            rebuild.finish(Phase.FAILED, String.valueOf(failure.getMessage()));
            dropShadowTables(rebuild.projections);
        }
    }

    private void replayAndSwap(Rebuild rebuild) throws Exception {
        createShadowTables(rebuild.projections);
        long head = headIndex();
        rebuild.total = sql.fetchCount(org.jooq.impl.DSL.table(name("domain_event_entry")));
        List<EventMessageHandler> handlers = rebuild.projections.stream()
                .map(projection -> (EventMessageHandler) new AnnotationEventHandlerAdapter(projection)).toList();

        TrackingToken position = replay(rebuild, handlers, null, head);

        rebuild.phase = Phase.CATCHING_UP;
        List<StreamingEventProcessor> live = liveProcessors(rebuild.projections);
        for (StreamingEventProcessor processor : live) {
            processor.shutdownAsync().get(PAUSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        try {
            position = replay(rebuild, handlers, position, Long.MAX_VALUE);
            swap(rebuild.projections, position);
        } finally {
            for (StreamingEventProcessor processor : live) {
                processor.start();
            }
        }
    }

    /**
     * Replays events after {@code from} into the shadow tables, in batches of one transaction each, until an event
     * at or past {@code untilIndex} has been replayed or the store has no more events now.
     */
    private TrackingToken replay(Rebuild rebuild, List<EventMessageHandler> handlers, TrackingToken from,
                                 long untilIndex) throws Exception {
        TrackingToken position = from;
        if (position != null && position.position().orElse(-1) >= untilIndex) {
            return position;
        }
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
            boolean reachedTarget = false;
            while (iterator.hasNext() && !reachedTarget) {
                TrackedEventMessage<?> event = iterator.next();
                batch.add(event);
                position = event.trackingToken();
                reachedTarget = position.position().orElse(-1) >= untilIndex;
                if (batch.size() == batchSize || reachedTarget || !iterator.hasNext()) {
                    replayBatch(handlers, batch);
                    rebuild.done += batch.size();
                    batch = new ArrayList<>(batchSize);
                }
            }
        }
        return position;
    }

    private void replayBatch(List<EventMessageHandler> handlers, List<TrackedEventMessage<?>> batch) throws Exception {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        TableNames.REBUILD.bindTo(unitOfWork);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            TrackedEventMessage<?> event = unitOfWork.getMessage();
            for (EventMessageHandler handler : handlers) {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            }
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }

    private List<StreamingEventProcessor> liveProcessors(List<RebuildableProjection> selected) {
        List<StreamingEventProcessor> live = new ArrayList<>();
        for (RebuildableProjection projection : selected) {
            processing.eventProcessor(projection.processingGroup(), StreamingEventProcessor.class)
                    .ifPresent(live::add);
        }
        return live;
    }

    private void createShadowTables(List<RebuildableProjection> selected) {
        transactions.executeInTransaction(() -> {
            for (RebuildableProjection projection : selected) {
                for (String table : projection.tables()) {
                    sql.dropTableIfExists(name(TableNames.REBUILD.of(table))).execute();
                    sql.execute("CREATE TABLE " + quoted(TableNames.REBUILD.of(table)) + " (LIKE " + quoted(table)
                            + " INCLUDING ALL)");
                }
            }
        });
    }

    private void dropShadowTables(List<RebuildableProjection> selected) {
        try {
            transactions.executeInTransaction(() -> {
                for (RebuildableProjection projection : selected) {
                    for (String table : projection.tables()) {
                        sql.dropTableIfExists(name(TableNames.REBUILD.of(table))).execute();
                    }
                }
            });
        } catch (RuntimeException cleanupFailure) {
            log.warn("Could not drop the shadow tables of a failed rebuild", cleanupFailure);
        }
    }

    /** One transaction: the shadow tables take the live names, and the live processor's segments the position. */
    private void swap(List<RebuildableProjection> selected, TrackingToken position) {
        transactions.executeInTransaction(() -> {
            for (RebuildableProjection projection : selected) {
                for (String table : projection.tables()) {
                    String retired = table + "_retired";
                    sql.dropTableIfExists(name(retired)).execute();
                    sql.alterTable(name(table)).renameTo(name(retired)).execute();
                    sql.alterTable(name(TableNames.REBUILD.of(table))).renameTo(name(table)).execute();
                    sql.dropTable(name(retired)).execute();
                }
                String processor = projection.processingGroup();
                int[] segments = tokens.fetchSegments(processor);
                for (int segment : segments) {
                    tokens.storeToken(position, processor, segment);
                    tokens.releaseClaim(processor, segment);
                }
            }
        });
    }

    private long headIndex() {
        Long head = sql.select(org.jooq.impl.DSL.max(org.jooq.impl.DSL.field(name("global_index"), Long.class)))
                .from(org.jooq.impl.DSL.table(name("domain_event_entry"))).fetchOne(0, Long.class);
        return head == null ? -1 : head;
    }

    private static String quoted(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain table name: " + identifier);
        }
        return "\"" + identifier + "\"";
    }

    /** One rebuild's state; written by its runner thread, read by progress requests and gauges. */
    private final class Rebuild {
        final String name;
        final List<RebuildableProjection> projections;
        final Instant startedAt = clock.instant();
        final java.util.concurrent.atomic.AtomicBoolean submitted = new java.util.concurrent.atomic.AtomicBoolean();
        volatile Phase phase = Phase.REPLAYING;
        volatile long done;
        volatile long total;
        volatile Instant finishedAt;
        volatile String failure;

        Rebuild(String name, List<RebuildableProjection> projections) {
            this.name = name;
            this.projections = projections;
        }

        void finish(Phase finalPhase, String failureMessage) {
            failure = failureMessage;
            finishedAt = clock.instant();
            phase = finalPhase;
        }

        RebuildProgress progress() {
            return RebuildProgress.of(name, phase, done, total, startedAt, clock.instant(), finishedAt, failure);
        }
    }
}
