package eu.gpuledger.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger's 2xx answer promises that the write is kept: the database must write its log to disk before it
 * answers a commit. PostgreSQL does not with {@code fsync=off} (nothing reaches the disk reliably),
 * {@code synchronous_commit=off} (the last commits are lost in a crash of PostgreSQL) or
 * {@code full_page_writes=off} (a torn page cannot be repaired after a power loss). The check asks the session the
 * ledger itself gets, so a setting made per database, per user or in the JDBC URL counts too.
 */
public final class DatabaseDurability {

    /** Settings whose value {@code off} lets PostgreSQL lose or corrupt committed data in a crash. */
    static final List<String> CRASH_SAFETY_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    private static final Logger log = LoggerFactory.getLogger(DatabaseDurability.class);

    private DatabaseDurability() {
    }

    /**
     * @param where            how to name the database in messages (its URL or data folder)
     * @param nonDurableAllowed the operator's choice to run without durability ({@code ledger.db.allow-non-durable})
     * @throws NonDurableDatabase when a setting is off and that was not allowed
     */
    public static void check(DataSource dataSource, String where, boolean nonDurableAllowed) {
        List<String> settingsOff = settingsOff(dataSource, where);
        if (settingsOff.isEmpty()) {
            return;
        }
        NonDurableDatabase refusal = new NonDurableDatabase(where, settingsOff);
        if (!nonDurableAllowed) {
            throw refusal;
        }
        log.warn("{} Running anyway: ledger.db.allow-non-durable=true.", refusal.getMessage());
    }

    /** The crash-safety settings that are off in a session of this data source. */
    public static List<String> settingsOff(DataSource dataSource, String where) {
        List<String> off = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement show = connection.createStatement()) {
            for (String setting : CRASH_SAFETY_SETTINGS) {
                try (ResultSet value = show.executeQuery("SHOW " + setting)) {
                    value.next();
                    if ("off".equalsIgnoreCase(value.getString(1))) {
                        off.add(setting);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL at " + where + " whether it is crash-safe: "
                    + e.getMessage(), e);
        }
        return off;
    }
}
