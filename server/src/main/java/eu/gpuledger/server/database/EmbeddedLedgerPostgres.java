package eu.gpuledger.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL a newcomer runs the ledger on: real PostgreSQL binaries from Maven Central, with a data
 * folder that is kept between runs (never cleaned on start or stop).
 */
public final class EmbeddedLedgerPostgres implements AutoCloseable {

    public static final String DATABASE = "ledger";
    public static final String USER = "postgres";

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
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
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
            postgres.close();
        }
    }
}
