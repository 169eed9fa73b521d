package eu.gpuledger.server.support;

import eu.gpuledger.projections.support.ReadModelDatabase;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/** Points a test application context at a fresh database of its own. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = TestDatabase.create();
        // the embedded PostgreSQL, if that is where the database is, stops only after this context has closed
        ReadModelDatabase.stopEmbeddedAfterTheApplicationContexts();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ledger-test-database", Map.of(
                "ledger.db.url", url,
                "ledger.db.user", TestDatabase.user(),
                "ledger.db.password", TestDatabase.password(),
                // the suite caches several contexts at once, each with its pool: idle ones must not hold
                // PostgreSQL's 100 connections between them
                "ledger.db.pool-min-idle", "1",
                "ledger.db.allow-non-durable", Boolean.toString(TestDatabase.onEmbeddedServer()))));
    }
}
