package eu.gpuledger.bench.micro;

import eu.gpuledger.server.config.CaffeineAggregateCache;
import org.axonframework.common.caching.Cache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The aggregate cache as an import uses it: each command of a batch gets an allocation and puts it back (Axon's
 * CachingEventSourcingRepository), over 1,000 allocations that all fit ({@code hit}), or over twice as many keys as
 * the cache holds, so that every other put evicts ({@code evicting}); on one thread and on two (the machine's cores).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AggregateCacheBenchmark {

    private static final int ALLOCATIONS = 1_000;
    private static final int EVICTING_CAPACITY = 500;

    @Param({"hand-written", "caffeine-jcache"})
    public String cache;

    private Cache hits;
    private Cache evicting;
    private final String[] keys = new String[ALLOCATIONS];
    private final Object value = new Object();

    @Setup(Level.Trial)
    public void fill() {
        for (int index = 0; index < ALLOCATIONS; index++) {
            keys[index] = "alloc-" + index;
        }
        hits = make(20_000);
        evicting = make(EVICTING_CAPACITY);
        for (String key : keys) {
            hits.put(key, value);
        }
    }

    private Cache make(int entriesMax) {
        return switch (cache) {
            case "hand-written" -> new BoundedAggregateCache(entriesMax);
            case "caffeine-jcache" -> CaffeineAggregateCache.create("bench-" + entriesMax, entriesMax);
            default -> throw new IllegalArgumentException(cache);
        };
    }

    @TearDown(Level.Trial)
    public void close() {
        for (Cache made : new Cache[] {hits, evicting}) {
            if (made instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // the trial is over
                }
            }
        }
    }

    @Benchmark
    @Threads(1)
    public Object hit_one_thread() {
        return getThenPut(hits);
    }

    @Benchmark
    @Threads(2)
    public Object hit_two_threads() {
        return getThenPut(hits);
    }

    @Benchmark
    @Threads(1)
    public Object evicting_one_thread() {
        return getThenPut(evicting);
    }

    @Benchmark
    @Threads(2)
    public Object evicting_two_threads() {
        return getThenPut(evicting);
    }

    private Object getThenPut(Cache target) {
        String key = keys[ThreadLocalRandom.current().nextInt(ALLOCATIONS)];
        Object found = target.get(key);
        target.put(key, found == null ? value : found);
        return found;
    }
}
