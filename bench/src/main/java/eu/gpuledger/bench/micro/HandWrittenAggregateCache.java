package eu.gpuledger.bench.micro;

import eu.gpuledger.server.config.AggregateCacheProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * For {@code scripts/bench ingest} with {@code -Dbench.aggregate-cache=hand-written}: the application with the
 * hand-written {@link BoundedAggregateCache} in place of its allocation cache, of the same size, so that both can be
 * measured from one jar, run after run.
 */
public final class HandWrittenAggregateCache implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The system property that asks for it. */
    public static final String CHOICE = "bench.aggregate-cache";

    public static boolean asked() {
        return "hand-written".equals(System.getProperty(CHOICE));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        int entriesMax = Binder.get(context.getEnvironment())
                .bindOrCreate("ledger.cache", AggregateCacheProperties.class).allocationsMax();
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!"allocationCache".equals(name)) {
                    return bean;
                }
                if (bean instanceof AutoCloseable made) {
                    try {
                        made.close();
                    } catch (Exception closing) {
                        throw new IllegalStateException(closing);
                    }
                }
                return new BoundedAggregateCache(entriesMax);
            }
        });
    }
}
