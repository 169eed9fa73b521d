package eu.gpuledger.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The embedded PostgreSQL a newcomer runs the ledger on: real PostgreSQL binaries from Maven Central, with a data
 * folder that is kept between runs (never cleaned on start or stop).
 * <p>
 * It is as crash-safe as a PostgreSQL of its own: zonky starts the server with {@code -F} (no fsync) and
 * {@code synchronous_commit=off}, which suit throw-away test databases, not books; {@link #CRASH_SAFE_SETTINGS}
 * turns them back on. A server a killed ledger left running on the folder is stopped first
 * ({@link LeftoverPostmaster}). zonky's own shutdown hook is not used: it stopped PostgreSQL at the same time as
 * Spring stopped the event processors, which then failed on closed connections; the application context closes
 * this after everything that uses the database (docs/durability.md).
 */
public final class EmbeddedLedgerPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedLedgerPostgres.class);

    public static final String DATABASE = "ledger";
    public static final String USER = "postgres";

    /** Later {@code -c} options override zonky's {@code -F}: PostgreSQL applies its command line in order. */
    static final Map<String, String> CRASH_SAFE_SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    /** After a crash PostgreSQL replays its write-ahead log before it answers; zonky's default wait is 10 seconds. */
    static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedLedgerPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static EmbeddedLedgerPostgres notUsed() {
        return new EmbeddedLedgerPostgres(null, null);
    }

    public static EmbeddedLedgerPostgres start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            LeftoverPostmaster.stopIfAny(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT);
            CRASH_SAFE_SETTINGS.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            EmbeddedLedgerPostgres embedded = new EmbeddedLedgerPostgres(postgres, dataDirectory);
            DatabaseCreator.createIfMissing(postgres.getJdbcUrl(USER, DATABASE), USER, "");
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, database);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            log.info("stopping the embedded PostgreSQL on {}", dataDirectory);
            postgres.close();
        }
    }
}
