package eu.gpuledger.server.config;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import org.axonframework.common.caching.JCacheAdapter;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import java.net.URI;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Aggregates kept in memory by Caffeine, through JCache (Axon takes a JCache with its {@link JCacheAdapter}): strong
 * references, at most {@code entriesMax}, evicted by Caffeine's frequency and recency policy. Why not Axon's
 * WeakReferenceCache: a weakly referenced aggregate is dropped at the next garbage collection, and an import allocates
 * enough to collect every few hundred milliseconds, so the cache was almost always empty (docs/ingestion.md). A cache
 * entry is only ever a shortcut: a stale one fails on the event store's (aggregate, sequence) key, Axon evicts it on
 * rollback, and the retry reloads from the store. docs/hand-written-code.md has the measurement against the
 * hand-written least-recently-used map this replaced.
 */
public final class CaffeineAggregateCache extends JCacheAdapter implements AutoCloseable {

    private final CacheManager manager;
    private final com.github.benmanes.caffeine.cache.Cache<?, ?> caffeine;

    private CaffeineAggregateCache(CacheManager manager, javax.cache.Cache<Object, Object> cache) {
        super(cache);
        this.manager = manager;
        this.caffeine = cache.unwrap(com.github.benmanes.caffeine.cache.Cache.class);
    }

    /** The entries held, once Caffeine has done its pending work (it evicts past the bound in the background). */
    public long size() {
        caffeine.cleanUp();
        return caffeine.estimatedSize();
    }

    /**
     * A cache of its own (its own cache manager: several application contexts in one JVM, as in the tests, must not
     * share one), until {@link #close()}.
     */
    public static CaffeineAggregateCache create(String name, int entriesMax) {
        if (entriesMax <= 0) {
            throw new IllegalArgumentException("entriesMax must be positive, got " + entriesMax);
        }
        CachingProvider provider = Caching.getCachingProvider(CaffeineCachingProvider.class.getName());
        CacheManager manager = provider.getCacheManager(URI.create("gpu-ledger:" + name + ":" + UUID.randomUUID()),
                CaffeineAggregateCache.class.getClassLoader());
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(entriesMax));
        // by reference: JCache's default copies every value by serialization on each put and get
        configuration.setStoreByValue(false);
        configuration.setStatisticsEnabled(false);
        configuration.setManagementEnabled(false);
        return new CaffeineAggregateCache(manager, manager.createCache(name, configuration));
    }

    @Override
    public void close() {
        manager.close();
    }
}
