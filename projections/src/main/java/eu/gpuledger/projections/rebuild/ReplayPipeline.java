package eu.gpuledger.projections.rebuild;

import eu.gpuledger.projections.batch.RebuildWrites;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.jooq.DSLContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A rebuild's replay as four stages, so that PostgreSQL's work and Java's overlap: a reader thread fetches events, a
 * deserializer thread turns their payloads into objects, the calling thread runs the projections' handlers in
 * batches, and a writer thread writes the changes the handlers gathered, each write in its own transaction, in the
 * order they were handed over. Short queues between the stages bound the memory; a failure in any stage ends the
 * replay with that failure.
 */
final class ReplayPipeline implements AutoCloseable {

    private static final int CHUNKS_AHEAD = 2;
    private static final int WRITES_AHEAD = 2;
    /** Connections for the last writes and index builds: a few more than the cores, since each waits on I/O. */
    private static final int SIDE_BY_SIDE = 4;
    /** Enough for the sort of an index of a few million rows to stay in memory. */
    private static final String INDEX_BUILD_MEMORY = "256MB";

    private final RebuildEventSource events;
    private final TransactionManager transactions;
    private final DSLContext sql;
    private final int batchSize;
    private final MeterRegistry meters;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(daemon("projection-rebuild-reader"));
    private final ExecutorService deserializer =
            Executors.newSingleThreadExecutor(daemon("projection-rebuild-deserializer"));
    private final ExecutorService writer = Executors.newSingleThreadExecutor(daemon("projection-rebuild-writer"));
    private final ArrayDeque<Future<?>> writesInFlight = new ArrayDeque<>();
    private final ExecutorService sideBySide = Executors.newFixedThreadPool(SIDE_BY_SIDE,
            daemon("projection-rebuild-indexer"));

    ReplayPipeline(RebuildEventSource events, TransactionManager transactions, DSLContext sql, int batchSize,
                   MeterRegistry meters) {
        this.events = events;
        this.transactions = transactions;
        this.sql = sql;
        this.batchSize = batchSize;
        this.meters = meters;
    }

    /** When one projection was done, counted from the end of the replay: its last write, then its index builds. */
    record Finished(long writtenNanos, long indexedNanos) {
    }

    /**
     * A batch of read events, with the global index of each (in the same order; null where the tokens do not tell)
     * and the position after the last.
     */
    private record Chunk(List<TrackedEventMessage<?>> events, List<Long> globalIndexes, TrackingToken position,
                         Throwable failure) {

        static final Chunk END = new Chunk(List.of(), List.of(), null, null);
    }

    /**
     * Replays the events after {@code from} into {@code writes} until an event at or past {@code untilIndex} has been
     * replayed or the store has no more events now; hands the changes that outgrew their bound to the writer.
     *
     * @return the position after the last event replayed ({@code from} if none)
     */
    TrackingToken replay(ReplayHandlers handlers, RebuildWrites writes, TrackingToken from,
                         long untilIndex, LongConsumer replayed) throws Exception {
        if (from != null && from.position().orElse(-1) >= untilIndex) {
            return from;
        }
        BlockingQueue<Chunk> fetched = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        ReadTask read = new ReadTask(from, untilIndex, fetched);
        DeserializeTask deserialize = new DeserializeTask(fetched, chunks);
        Future<?> reading = reader.submit(read);
        Future<?> deserializing = deserializer.submit(deserialize);
        TrackingToken position = from;
        try {
            for (Chunk chunk = chunks.take(); chunk != Chunk.END; chunk = chunks.take()) {
                if (chunk.failure() != null) {
                    throw new IllegalStateException("reading the event store failed: " + chunk.failure().getMessage(),
                            chunk.failure());
                }
                handle(handlers, writes, chunk);
                position = chunk.position();
                write(writes.takeLarge());
                replayed.accept(chunk.events().size());
            }
        } finally {
            read.cancelled = true;
            deserialize.cancelled = true;
            fetched.clear();
            chunks.clear();
            reading.get(1, TimeUnit.MINUTES);
            deserializing.get(1, TimeUnit.MINUTES);
        }
        return position;
    }

    /** Hands writes to the writer thread, waiting while more than a few are queued. */
    void write(List<Consumer<DSLContext>> toWrite) throws Exception {
        for (Consumer<DSLContext> write : toWrite) {
            while (writesInFlight.size() >= WRITES_AHEAD) {
                awaitOldestWrite();
            }
            writesInFlight.add(writer.submit(() -> transactions.executeInTransaction(() -> write.accept(sql))));
        }
    }

    /**
     * Runs what is left of each projection after everything handed to the writer: its last changes, then its index
     * builds, each in its own transaction on its own connection, side by side with every other projection's and with
     * each other (they touch different tables and indexes), the largest projection's first; returns when all are
     * done, or throws the first failure once all have ended. With nothing left to read, the machine's cores are
     * PostgreSQL's, and the longest index build (the largest table's) starts as soon as its table is complete.
     *
     * @return per projection, the time from the call until its last write was done and until its indexes were
     * (the timers {@code ledger.projection.rebuild.finish} hold the same figures)
     */
    Map<String, Finished> finish(List<RebuildWrites.Remaining> remaining) throws Exception {
        awaitWrites();
        Timer.Sample start = Timer.start(meters);
        Map<String, Finished> done = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (RebuildWrites.Remaining projection : remaining) {
            CompletableFuture<Void> written = projection.lastWrite() == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> inTransaction(projection.lastWrite()), sideBySide);
            chains.add(written.thenApply(ignored -> start.stop(finishTimer(projection.projection(), "last-write")))
                    .thenCompose(writtenNanos -> CompletableFuture.allOf(projection.indexBuilds().stream()
                                    .map(build -> CompletableFuture.runAsync(() -> inTransaction(build), sideBySide))
                                    .toArray(CompletableFuture[]::new))
                            .thenRun(() -> done.put(projection.projection(), new Finished(writtenNanos,
                                    start.stop(finishTimer(projection.projection(), "indexes")))))));
        }
        try {
            CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : failed.getCause();
            throw cause instanceof Exception exception ? exception : failed;
        }
        Map<String, Finished> inOrder = new LinkedHashMap<>();
        remaining.forEach(projection -> inOrder.put(projection.projection(), done.get(projection.projection())));
        return inOrder;
    }

    private Timer finishTimer(String projection, String step) {
        return Timer.builder("ledger.projection.rebuild.finish")
                .description("time from the end of a rebuild's replay until a projection's last write was done"
                        + " (step last-write) and until its indexes were built (step indexes)")
                .tag("projection", projection).tag("step", step).register(meters);
    }

    private void inTransaction(Consumer<DSLContext> write) {
        transactions.executeInTransaction(() -> {
            sql.execute("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
            // the builds already run side by side, one per index: parallel workers would only contend for the cores
            sql.execute("SET LOCAL max_parallel_maintenance_workers = 0");
            write.accept(sql);
        });
    }

    /** Waits until everything handed to the writer is written (or throws its failure). */
    void awaitWrites() throws Exception {
        while (!writesInFlight.isEmpty()) {
            awaitOldestWrite();
        }
    }

    private void awaitOldestWrite() throws Exception {
        try {
            writesInFlight.peek().get();
            writesInFlight.poll();
        } catch (ExecutionException failure) {
            writesInFlight.forEach(pending -> pending.cancel(false));
            writesInFlight.clear();
            throw failure.getCause() instanceof Exception cause ? cause : failure;
        }
    }

    /**
     * Runs the chunk's events through the handlers that take their payload type, in one unit of work: the handlers
     * only gather changes into {@code writes}, so there is nothing to commit or roll back per event.
     */
    private void handle(ReplayHandlers handlers, RebuildWrites writes, Chunk chunk) throws Exception {
        if (chunk.events().isEmpty()) {
            return;
        }
        DefaultUnitOfWork<TrackedEventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(chunk.events().get(0));
        writes.bindToThisThread();
        ResultMessage<?> result;
        try {
            result = unitOfWork.executeWithResult(() -> {
                List<TrackedEventMessage<?>> events = chunk.events();
                for (int i = 0; i < events.size(); i++) {
                    TrackedEventMessage<?> event = events.get(i);
                    writes.handling(event.getIdentifier(), chunk.globalIndexes().get(i));
                    try {
                        handlers.handle(event);
                    } catch (RuntimeException failure) {
                        throw new PoisonedEvent(event, chunk.globalIndexes().get(i), "could not be projected", failure);
                    }
                }
                return null;
            });
        } finally {
            RebuildWrites.unbind();
        }
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
        deserializer.shutdownNow();
        writer.shutdownNow();
        sideBySide.shutdownNow();
    }

    /** Hands chunks to the next stage, waiting for room unless the replay was given up. */
    private abstract static class Stage implements Runnable {

        volatile boolean cancelled;

        void put(BlockingQueue<Chunk> queue, Chunk chunk) {
            try {
                while (!cancelled && !queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    // the next stage is behind: wait for room
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Deserialises the payloads of read events on its own thread: reading the rows and turning their JSON into
     * objects each take about as long as running every handler, so each gets a core's share of its own.
     */
    private static final class DeserializeTask extends Stage {

        private final BlockingQueue<Chunk> fetched;
        private final BlockingQueue<Chunk> chunks;

        DeserializeTask(BlockingQueue<Chunk> fetched, BlockingQueue<Chunk> chunks) {
            this.fetched = fetched;
            this.chunks = chunks;
        }

        @Override
        public void run() {
            try {
                Chunk chunk;
                do {
                    chunk = fetched.poll(100, TimeUnit.MILLISECONDS);
                    if (chunk != null) {
                        for (int i = 0; i < chunk.events().size(); i++) {
                            readPayload(chunk.events().get(i), chunk.globalIndexes().get(i));
                        }
                        put(chunks, chunk);
                    }
                } while (!cancelled && chunk != Chunk.END && (chunk == null || chunk.failure() == null));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error failure) {
                put(chunks, new Chunk(List.of(), List.of(), null, failure));
            }
        }
    }

    /** Reads events (rows, not yet their payloads) on the reader thread, in chunks of the batch size. */
    private final class ReadTask extends Stage {

        private final TrackingToken from;
        private final long untilIndex;
        private final BlockingQueue<Chunk> chunks;

        ReadTask(TrackingToken from, long untilIndex, BlockingQueue<Chunk> chunks) {
            this.from = from;
            this.untilIndex = untilIndex;
            this.chunks = chunks;
        }

        @Override
        public void run() {
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
                TrackingToken position = from;
                List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
                List<Long> globalIndexes = new ArrayList<>(batchSize);
                boolean reachedTarget = false;
                while (!cancelled && !reachedTarget && iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    globalIndexes.add(EventPositions.globalIndexOf(position, event.trackingToken()));
                    batch.add(event);
                    position = event.trackingToken();
                    reachedTarget = position.position().orElse(-1) >= untilIndex;
                    if (batch.size() == batchSize || reachedTarget || !iterator.hasNext()) {
                        if (chunks.remainingCapacity() == 0) {
                            // the deserializer is behind: this thread parses the chunk's payloads itself rather than
                            // wait (each message keeps its payload, so the deserializer finds them done)
                            for (int i = 0; i < batch.size(); i++) {
                                readPayload(batch.get(i), globalIndexes.get(i));
                            }
                        }
                        put(chunks, new Chunk(batch, globalIndexes, position, null));
                        batch = new ArrayList<>(batchSize);
                        globalIndexes = new ArrayList<>(batchSize);
                    }
                }
                put(chunks, Chunk.END);
            } catch (RuntimeException | Error failure) {
                put(chunks, new Chunk(List.of(), List.of(), null, failure));
            }
        }
    }

    /** Deserialises the event's payload, or fails naming the event that cannot be read. */
    private static void readPayload(TrackedEventMessage<?> event, Long globalIndex) {
        try {
            event.getPayload();
        } catch (RuntimeException failure) {
            throw new PoisonedEvent(event, globalIndex, "cannot be read", failure);
        }
    }

    /**
     * An event the rebuild cannot read or project: the rebuild fails with it, named, rather than skip it (a rebuilt
     * projection without it would be wrong, and the swap would hide that). Its message is the rebuild's failure.
     */
    static final class PoisonedEvent extends IllegalStateException {

        PoisonedEvent(TrackedEventMessage<?> event, Long globalIndex, String what, RuntimeException cause) {
            super("event " + event.getIdentifier() + " (" + event.getPayloadType().getSimpleName()
                    + (event instanceof DomainEventMessage<?> domain
                    ? " of " + domain.getAggregateIdentifier() + " #" + domain.getSequenceNumber() : "")
                    + (globalIndex == null ? "" : ", global index " + globalIndex) + ") " + what + ": "
                    + causes(cause), cause);
        }

        private static String causes(Throwable failure) {
            StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
            Throwable cause = failure.getCause();
            for (int depth = 0; cause != null && cause != failure && depth < 4; depth++, cause = cause.getCause()) {
                text.append(" <- ").append(cause.getMessage());
            }
            return text.toString();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
