package eu.gpuledger.server.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the tests that talk to the running ledger over HTTP share: a client on the application's port, and the
 * counts they read from its database to prove what a request booked, or that a refused one changed nothing.
 *
 * <p>It carries no annotation on purpose: each test says which application it runs against
 * ({@link LedgerIntegrationTest}, its properties), so the application contexts, and Spring's cache of them, stay as
 * they are.
 */
public abstract class OverHttp {

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    protected LedgerHttp http;

    /** Named apart from the tests' own set-ups: JUnit would run only one of two methods with the same signature. */
    @BeforeEach
    protected final void connectToTheLedger() {
        http = new LedgerHttp(port);
    }

    /** The value of a query that selects one number (a {@code count(*)}, a sum), 0 for SQL's null. */
    protected long count(String query) {
        Long value = jdbc.queryForObject(query, Long.class);
        return value == null ? 0 : value;
    }

    /** The global index of the last event stored, 0 when there is none: it moves with every event appended. */
    protected long eventStoreHead() {
        return count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
    }
}
