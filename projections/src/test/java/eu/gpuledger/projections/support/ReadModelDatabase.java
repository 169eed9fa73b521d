package eu.gpuledger.projections.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

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
 */
public final class ReadModelDatabase {

    private static EmbeddedPostgres embedded;

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
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start an embedded PostgreSQL for the tests", e);
            }
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }
}
