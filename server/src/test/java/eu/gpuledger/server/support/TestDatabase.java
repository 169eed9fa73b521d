package eu.gpuledger.server.support;

import eu.gpuledger.projections.support.ReadModelDatabase;
import eu.gpuledger.server.database.DatabaseCreator;

import java.util.UUID;

/**
 * A fresh PostgreSQL database for a test context: on the server at {@code LEDGER_TEST_DB_URL} when it is set
 * (.ci/run sets the machine's 127.0.0.1:5432), else on the embedded PostgreSQL started once per test JVM
 * ({@link ReadModelDatabase#embeddedServer}). Each database has a unique name; one on a server is dropped when the
 * JVM ends.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** @return the JDBC URL of a new, empty database */
    public static synchronized String create() {
        boolean embedded = onEmbeddedServer();
        String server = embedded ? embeddedServer() : System.getenv("LEDGER_TEST_DB_URL");
        String user = System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", "");
        String url = DatabaseCreator.withDatabase(server, "ledger_test_" + UUID.randomUUID().toString().replace("-", ""));
        DatabaseCreator.createIfMissing(url, user, password);
        if (!embedded) { // an embedded server goes with the JVM, and its databases with it
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropWhenUnused(url, user, password), "drop-test-database"));
        }
        return url;
    }

    /**
     * Drops a test database once the application contexts that used it have closed their connections (they close
     * in shutdown hooks of their own, at the same time as this one), or after {@link #CLOSE_WAIT_MAX} at the most:
     * dropping it under a running context would only make its processors retry until the JVM is killed.
     */
    private static void dropWhenUnused(String url, String user, String password) {
        long deadline = System.nanoTime() + CLOSE_WAIT_MAX.toNanos();
        try {
            while (DatabaseCreator.connectionsTo(url, user, password) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            DatabaseCreator.dropIfExists(url, user, password);
        } catch (RuntimeException | InterruptedException ignored) {
            // the server may already be gone (embedded), nothing left to drop then
        }
    }

    static final java.time.Duration CLOSE_WAIT_MAX = java.time.Duration.ofSeconds(15);

    /**
     * Whether the test databases live on the throw-away embedded PostgreSQL, which runs without fsync and
     * synchronous_commit for speed: the ledger then has to be told that this is on purpose.
     */
    public static boolean onEmbeddedServer() {
        String server = System.getenv("LEDGER_TEST_DB_URL");
        return server == null || server.isBlank();
    }

    public static String user() {
        return System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", "");
    }

    private static String embeddedServer() {
        return ReadModelDatabase.embeddedServer();
    }
}
