package eu.gpuledger.server.config;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What Axon's aggregate cache must do, done by Caffeine through JCache: hold, tell, stay bounded under load. */
class CaffeineAggregateCacheTest {

    private final List<CaffeineAggregateCache> made = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        made.forEach(CaffeineAggregateCache::close);
    }

    private CaffeineAggregateCache cache(int entriesMax) {
        CaffeineAggregateCache cache = CaffeineAggregateCache.create("test", entriesMax);
        made.add(cache);
        return cache;
    }

    @Test
    void an_allocation_put_is_the_same_object_when_got_again_and_gone_once_removed() {
        CaffeineAggregateCache cache = cache(10);
        Object allocation = new Object();

        cache.put("alloc-1", allocation);

        assertThat((Object) cache.get("alloc-1")).as("by reference, never a copy").isSameAs(allocation);
        assertThat(cache.containsKey("alloc-1")).isTrue();
        assertThat(cache.remove("alloc-1")).isTrue();
        assertThat((Object) cache.get("alloc-1")).isNull();
        assertThat(cache.remove("alloc-1")).isFalse();
    }

    @Test
    void two_caches_of_the_same_name_are_apart() {
        CaffeineAggregateCache first = cache(10);
        CaffeineAggregateCache second = cache(10);

        first.put("alloc-1", "first");

        assertThat((Object) second.get("alloc-1")).isNull();
    }

    @Test
    void the_listeners_hear_of_each_entry_created_updated_and_removed_as_it_happens() {
        CaffeineAggregateCache cache = cache(10);
        List<String> heard = new CopyOnWriteArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });

        cache.put("alloc-1", "v1");
        cache.put("alloc-1", "v2");
        cache.remove("alloc-1");

        assertThat(heard).containsExactly("created alloc-1", "updated alloc-1", "removed alloc-1");
    }

    @Test
    void past_its_bound_the_cache_evicts() {
        CaffeineAggregateCache cache = cache(100);

        for (int index = 0; index < 1_000; index++) {
            cache.put("alloc-" + index, index);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void four_threads_getting_putting_and_removing_keep_it_bounded_and_each_sees_its_own_puts() throws Exception {
        CaffeineAggregateCache cache = cache(1_000);
        AtomicLong lostOwnPut = new AtomicLong();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int own = thread;
                running.add(threads.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int operation = 0; operation < 100_000; operation++) {
                        String shared = "alloc-" + random.nextInt(3_000);
                        switch (random.nextInt(3)) {
                            case 0 -> cache.get(shared);
                            case 1 -> cache.put(shared, operation);
                            default -> cache.remove(shared);
                        }
                        // a key only this thread writes: what it put is there until it is evicted
                        String mine = "own-" + own;
                        cache.put(mine, operation);
                        Object read = cache.get(mine);
                        if (read != null && !read.equals(operation)) {
                            lostOwnPut.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> thread : running) {
                thread.get(2, TimeUnit.MINUTES);
            }
        }

        assertThat(lostOwnPut).hasValue(0);
        assertThat(cache.size()).isLessThanOrEqualTo(1_000);
    }
}
