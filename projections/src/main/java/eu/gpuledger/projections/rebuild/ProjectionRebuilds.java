package eu.gpuledger.projections.rebuild;

import eu.gpuledger.projections.batch.RebuildWrites;
import eu.gpuledger.projections.batch.TableNames;
import eu.gpuledger.projections.rebuild.RebuildProgress.Phase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

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
    private final RebuildEventSource events;
    private final TransactionManager transactions;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final DSLContext sql;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RebuildProperties settings;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionRebuilds(List<RebuildableProjection> projections, RebuildEventSource events,
                              TransactionManager transactions, EventProcessingConfiguration processing,
                              TokenStore tokens, DSLContext sql, Clock clock, MeterRegistry meters,
                              RebuildProperties settings) {
        projections.forEach(projection -> this.projections.put(projection.processingGroup(), projection));
        this.events = events;
        this.transactions = transactions;
        this.processing = processing;
        this.tokens = tokens;
        this.sql = sql;
        this.clock = clock;
        this.meters = meters;
        this.settings = settings;
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
        Timer.Sample setUp = Timer.start(meters);
        Map<String, List<String>> deferredIndexes = createShadowTables(rebuild.projections);
        long head = headIndex();
        rebuild.total = sql.fetchCount(org.jooq.impl.DSL.table(name("domain_event_entry")));
        ReplayHandlers handlers = new ReplayHandlers(rebuild.projections);
        RebuildWrites writes = new RebuildWrites(TableNames.REBUILD, deferredIndexes, settings.insertRows(),
                settings.mergeRows());
        try (ReplayPipeline pipeline = new ReplayPipeline(events, transactions, sql, settings.batchSize(), meters)) {
            long setUpNanos = setUp.stop(phase(rebuild, "set-up"));
            Timer.Sample replay = Timer.start(meters);
            TrackingToken position = pipeline.replay(handlers, writes, null, head, rebuild::replayed);
            long replayNanos = replay.stop(phase(rebuild, "replay"));
            Timer.Sample finish = Timer.start(meters);
            Map<String, ReplayPipeline.Finished> finished = pipeline.finish(writes.takeRemaining());
            long finishNanos = finish.stop(phase(rebuild, "last-writes-and-indexes"));

            Timer.Sample catchUp = Timer.start(meters);
            rebuild.phase = Phase.CATCHING_UP;
            List<StreamingEventProcessor> live = liveProcessors(rebuild.projections);
            // all asked at once: each takes a moment to finish its batch and release its segments
            List<CompletableFuture<Void>> pausing = live.stream().map(StreamingEventProcessor::shutdownAsync).toList();
            CompletableFuture.allOf(pausing.toArray(CompletableFuture[]::new))
                    .get(PAUSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try {
                position = pipeline.replay(handlers, writes, position, Long.MAX_VALUE, rebuild::replayed);
                pipeline.write(writes.takeAll());
                pipeline.awaitWrites();
                TrackingToken finalPosition = position;
                transactions.executeInTransaction(() -> swap(rebuild.projections, finalPosition));
            } finally {
                for (StreamingEventProcessor processor : live) {
                    processor.start();
                }
            }
            long catchUpNanos = catchUp.stop(phase(rebuild, "catch-up-and-swap"));
            log.info("Rebuild of {}: set up in {} ms, {} events replayed in {} ms, last changes written and indexes"
                            + " built in {} ms ({}), caught up and swapped in {} ms", rebuild.name,
                    millis(setUpNanos), rebuild.done, millis(replayNanos), millis(finishNanos),
                    finished.entrySet().stream().map(projection -> projection.getKey() + " written "
                            + millis(projection.getValue().writtenNanos()) + " ms, indexed "
                            + millis(projection.getValue().indexedNanos()) + " ms")
                            .collect(java.util.stream.Collectors.joining("; ")),
                    millis(catchUpNanos));
        }
    }

    /** The time a rebuild of {@code rebuild.name} spent in one of its phases (its log line reads the same figures). */
    private Timer phase(Rebuild rebuild, String phase) {
        return Timer.builder("ledger.projection.rebuild.phase")
                .description("time a projection rebuild spent in a phase: set-up, replay, last-writes-and-indexes,"
                        + " catch-up-and-swap")
                .tag("projection", rebuild.name).tag("phase", phase).register(meters);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private List<StreamingEventProcessor> liveProcessors(List<RebuildableProjection> selected) {
        List<StreamingEventProcessor> live = new ArrayList<>();
        for (RebuildableProjection projection : selected) {
            processing.eventProcessor(projection.processingGroup(), StreamingEventProcessor.class)
                    .ifPresent(live::add);
        }
        return live;
    }

    /**
     * Creates each table's shadow like it, but empty of indexes: those are built once the bulk of the events is
     * replayed (see {@link RebuildWrites}), sorted, which is far cheaper than keeping them up to date row by row.
     *
     * @return per projection, the statements that build its shadow tables' indexes, each named as the live one
     * plus the shadow suffix (the swap gives them back the live names)
     */
    private Map<String, List<String>> createShadowTables(List<RebuildableProjection> selected) {
        Map<String, List<String>> deferred = new LinkedHashMap<>();
        transactions.executeInTransaction(() -> {
            for (RebuildableProjection projection : selected) {
                List<String> statements = new ArrayList<>();
                for (Table<?> table : projection.tables()) {
                    Table<?> shadow = TableNames.REBUILD.of(table);
                    sql.dropTableIfExists(shadow).execute();
                    // jOOQ has no CREATE TABLE ... (LIKE ...): the template takes the typed tables' names
                    sql.execute("CREATE TABLE {0} (LIKE {1} INCLUDING ALL EXCLUDING INDEXES)", shadow, table);
                    indexesOf(table.getName()).forEach(index -> statements.add(index.buildOn(sql, shadow)));
                }
                deferred.put(projection.processingGroup(), statements);
            }
        });
        return deferred;
    }

    /** An index of a live table, and whether it backs a constraint (a primary key or unique constraint). */
    private record TableIndex(String name, String definition, String constraint) {

        /**
         * The statement that builds the same index (or constraint) on {@code shadow}, named with the suffix. The
         * definition is PostgreSQL's own ({@code pg_get_indexdef}, {@code pg_get_constraintdef}); only the names in
         * it change.
         */
        String buildOn(DSLContext sql, Table<?> shadow) {
            String shadowTable = sql.render(shadow);
            String shadowName = sql.render(DSL.name(TableNames.REBUILD.of(name)));
            if (constraint != null) {
                return "ALTER TABLE " + shadowTable + " ADD CONSTRAINT " + shadowName + " " + constraint;
            }
            return definition.replaceFirst("^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ",
                    "CREATE $1INDEX " + shadowName + " ON " + shadowTable + " ");
        }
    }

    private List<TableIndex> indexesOf(String table) {
        return sql.fetch("SELECT index_class.relname, pg_get_indexdef(i.indexrelid), pg_get_constraintdef(c.oid)"
                        + " FROM pg_index i"
                        + " JOIN pg_class table_class ON table_class.oid = i.indrelid"
                        + " JOIN pg_class index_class ON index_class.oid = i.indexrelid"
                        + " LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
                        + " WHERE table_class.relname = ? AND table_class.relnamespace = current_schema()::regnamespace"
                        + " ORDER BY 1", table)
                .map(row -> new TableIndex(row.get(0, String.class), row.get(1, String.class),
                        row.get(2, String.class)));
    }

    private void dropShadowTables(List<RebuildableProjection> selected) {
        try {
            transactions.executeInTransaction(() -> {
                for (RebuildableProjection projection : selected) {
                    for (Table<?> table : projection.tables()) {
                        sql.dropTableIfExists(TableNames.REBUILD.of(table)).execute();
                    }
                }
            });
        } catch (RuntimeException cleanupFailure) {
            log.warn("Could not drop the shadow tables of a failed rebuild", cleanupFailure);
        }
    }

    /**
     * In the caller's transaction: the shadow tables take the live names (and their indexes the live indexes'
     * names), and the live processor's segments the position.
     */
    private void swap(List<RebuildableProjection> selected, TrackingToken position) {
        for (RebuildableProjection projection : selected) {
            for (Table<?> table : projection.tables()) {
                Name retired = name(table.getName() + "_retired");
                List<String> liveIndexes = indexesOf(table.getName()).stream().map(TableIndex::name).toList();
                sql.dropTableIfExists(retired).execute();
                sql.alterTable(table).renameTo(retired).execute();
                sql.alterTable(TableNames.REBUILD.of(table)).renameTo(table.getUnqualifiedName()).execute();
                sql.dropTable(retired).execute();
                for (String index : liveIndexes) {
                    sql.alterIndex(name(TableNames.REBUILD.of(index))).renameTo(name(index)).execute();
                }
            }
            String processor = projection.processingGroup();
            // the replay projected every event, the parked ones too (it fails on any event it cannot process): their
            // letters would be projected a second time if they stayed (docs/dead-letters.md)
            sql.deleteFrom(org.jooq.impl.DSL.table(name("dead_letter_entry")))
                    .where(org.jooq.impl.DSL.field(name("processing_group"), String.class).eq(processor)).execute();
            int[] segments = tokens.fetchSegments(processor);
            for (int segment : segments) {
                tokens.storeToken(position, processor, segment);
                tokens.releaseClaim(processor, segment);
            }
        }
    }

    private long headIndex() {
        Long head = sql.select(org.jooq.impl.DSL.max(org.jooq.impl.DSL.field(name("global_index"), Long.class)))
                .from(org.jooq.impl.DSL.table(name("domain_event_entry"))).fetchOne(0, Long.class);
        return head == null ? -1 : head;
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

        void replayed(long events) {
            done += events;
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
