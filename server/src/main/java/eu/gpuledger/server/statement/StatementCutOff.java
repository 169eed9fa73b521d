package eu.gpuledger.server.statement;

import eu.gpuledger.server.readyourwrites.ProjectionsBehind;
import eu.gpuledger.server.readyourwrites.ReadYourWritesProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Before a statement is issued as known at {@code T}, every event recorded by {@code T} must be stored: an event's
 * time is taken inside its command's transaction, which may commit later, and a statement drawn up before that
 * commit would differ from the same statement drawn up after it (docs/statements.md). A transaction that started
 * after {@code T} cannot hold an event recorded by {@code T}; so the issue waits until no transaction of the
 * ledger's database that started by {@code T} is still open, bounded as every wait of a write.
 */
@Component
public class StatementCutOff {

    private static final long POLL_NANOS = 5_000_000;

    private final JdbcTemplate jdbc;
    private final ReadYourWritesProperties settings;

    public StatementCutOff(JdbcTemplate jdbc, ReadYourWritesProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** @throws ProjectionsBehind (503, to be retried) when transactions started by {@code knownAt} stay open too long */
    public void awaitTransactionsStartedBy(Instant knownAt) {
        long deadline = System.nanoTime() + settings.waitMax().toNanos();
        while (true) {
            Integer open = jdbc.queryForObject("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()
                      AND xact_start IS NOT NULL AND xact_start <= ?""", Integer.class,
                    OffsetDateTime.ofInstant(knownAt, ZoneOffset.UTC));
            if (open == null || open == 0) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ProjectionsBehind(settings.waitMax(), Map.of("statement-cut-off", open
                        + " transaction(s) started by " + knownAt + " still open"));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
