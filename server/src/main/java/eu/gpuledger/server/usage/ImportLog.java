package eu.gpuledger.server.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.ledger.usage.ImportSummary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The imports of usage, one row each ({@code usage_import}): who sent what, when, and what the answer said. The events
 * record every charge but not the import itself, nor its duplicates, ignored and rejected lines; this is what lets a
 * centre see its imports of the last days (GET /api/v1/usage/imports). A row is written once the import's batches
 * have committed, and never changed.
 */
@Component
public class ImportLog {

    /** Imports a page of the list holds at most. */
    public static final int PAGE_LIMIT_MAX = 200;

    /** How usage came in. */
    public enum Kind { SACCT, BILLED, RECORDS, RETRY }

    /** One import as listed. */
    public record Entry(String importId, Kind kind, @JsonInclude(JsonInclude.Include.NON_NULL) String cluster,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String providerId, String principal,
                        Instant finishedAt, long accepted, long duplicates, long ignored, long rejected,
                        long chargedGpuSeconds) {
    }

    public record Page(List<Entry> items, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /**
     * Which imports a reader sees: every one, or those of its providers and those it sent itself (a billed-usage CSV
     * or JSON records name no one provider).
     */
    public record Readable(boolean everything, Set<String> providers, String principal) {
        public static final Readable EVERYTHING = new Readable(true, Set.of(), null);
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ImportLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an import that was answered with {@code summary}. */
    public void record(Kind kind, String cluster, String providerId, String principal, ImportSummary summary) {
        ImportSummary.Ignored ignored = summary.ignored();
        long ignoredTotal = ignored.steps() + ignored.uncharged() + ignored.zeroElapsed() + ignored.notFinal();
        jdbc.update("""
                        INSERT INTO usage_import (kind, cluster, provider_id, principal, finished_at, accepted,
                                                  duplicates, ignored, rejected, charged_gpu_seconds)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                kind.name(), cluster, providerId, principal, Timestamp.from(clock.instant()), summary.accepted(),
                summary.duplicates(), ignoredTotal, summary.rejectedTotal(), summary.chargedGpuSeconds().value());
    }

    /**
     * The imports finished at or after {@code since}, the newest first, of {@code providerId} when given, as far as
     * {@code readable} reaches; {@code after} is the previous page's {@code next}.
     */
    public Page page(Readable readable, String providerId, Instant since, Long after, int limit) {
        StringBuilder query = new StringBuilder("""
                SELECT import_number, kind, cluster, provider_id, principal, finished_at, accepted, duplicates,
                       ignored, rejected, charged_gpu_seconds
                  FROM usage_import WHERE finished_at >= ?""");
        List<Object> arguments = new ArrayList<>();
        arguments.add(Timestamp.from(since));
        if (providerId != null) {
            query.append(" AND provider_id = ?");
            arguments.add(providerId);
        }
        if (!readable.everything()) {
            query.append(" AND (provider_id = ANY (?) OR principal = ?)");
            arguments.add(readable.providers().toArray(String[]::new));
            arguments.add(readable.principal());
        }
        if (after != null) {
            query.append(" AND import_number < ?");
            arguments.add(after);
        }
        query.append(" ORDER BY import_number DESC LIMIT ?");
        arguments.add(limit + 1);
        List<Entry> rows = new ArrayList<>(jdbc.query(query.toString(), ImportLog::entry, arguments.toArray()));
        String next = null;
        if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(0, limit));
            next = rows.getLast().importId();
        }
        return new Page(rows, next);
    }

    private static Entry entry(ResultSet row, int number) throws SQLException {
        return new Entry(String.valueOf(row.getLong("import_number")), Kind.valueOf(row.getString("kind")),
                row.getString("cluster"), row.getString("provider_id"), row.getString("principal"),
                row.getTimestamp("finished_at").toInstant(), row.getLong("accepted"), row.getLong("duplicates"),
                row.getLong("ignored"), row.getLong("rejected"), row.getLong("charged_gpu_seconds"));
    }
}
