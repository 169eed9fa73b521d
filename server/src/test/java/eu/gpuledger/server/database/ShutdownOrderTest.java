package eu.gpuledger.server.database;

import eu.gpuledger.server.LedgerApplication;
import eu.gpuledger.server.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A ledger stopped as a service manager stops it (SIGTERM) stops its event processors before its database. */
class ShutdownOrderTest {

    private static final Duration START_WAIT = Duration.ofMinutes(2);
    private static final Duration STOP_WAIT = Duration.ofMinutes(1);
    /** What a processor that still runs when its database goes away writes to the log. */
    private static final Pattern DATABASE_GONE_UNDER_A_PROCESSOR = Pattern.compile(
            "57P01|This connection has been closed|Timed out during shutdown phase|terminating connection");

    @TempDir
    Path folder;

    @Test
    void on_stop_the_event_processors_stop_before_the_embedded_database() throws Exception {
        List<String> log;
        try (ChildJvm ledger = ChildJvm.start(LedgerApplication.class, folder.resolve("ledger.log"),
                "--ledger.db.url=", "--ledger.data-dir=" + folder.resolve("data"), "--server.port=0",
                "--spring.main.banner-mode=off", "--logging.level.root=INFO")) {
            ledger.awaitLine(Pattern.compile("Started LedgerApplication"), START_WAIT);
            ledger.stop(STOP_WAIT);
            log = ledger.lines();
        }

        int processorsStopped = indexOf(log, "event processors stopped before the database closes");
        int databaseStopping = indexOf(log, "stopping the embedded PostgreSQL");
        assertThat(processorsStopped).as("processors stopped, in:\n%s", String.join("\n", log)).isNotNegative();
        assertThat(databaseStopping).as("database stopped, in:\n%s", String.join("\n", log))
                .isGreaterThan(processorsStopped);
        assertThat(log).noneMatch(line -> DATABASE_GONE_UNDER_A_PROCESSOR.matcher(line).find());
    }

    private static int indexOf(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
