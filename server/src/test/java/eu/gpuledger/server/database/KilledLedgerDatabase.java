package eu.gpuledger.server.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a JVM of its own: starts the embedded PostgreSQL on a folder, commits {@code rows} rows and says so, then
 * waits to be stopped (a shutdown hook closes PostgreSQL, as the application context does) or killed.
 */
public final class KilledLedgerDatabase {

    static final String READY = "committed rows:";
    static final long LIFETIME_MAX_MS = 120_000;

    private KilledLedgerDatabase() {
    }

    public static void main(String[] arguments) throws Exception {
        Path dataDirectory = Path.of(arguments[0]);
        int rows = Integer.parseInt(arguments[1]);
        EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start(dataDirectory);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(EmbeddedLedgerPostgres.DATABASE));
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS kept (n int PRIMARY KEY)");
            sql.execute("INSERT INTO kept SELECT generate_series(1, " + rows + ") ON CONFLICT DO NOTHING");
        }
        System.out.println(READY + " " + rows);
        System.out.flush();
        Thread.sleep(LIFETIME_MAX_MS); // bounded: a test that forgets it does not leave it forever
    }
}
