package eu.gpuledger.server.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Creates the ledger's database on a PostgreSQL server when it is not there yet. */
public final class DatabaseCreator {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+)(\\?.*)?");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private DatabaseCreator() {
    }

    /** The database a JDBC URL names. */
    public static String databaseOf(String jdbcUrl) {
        return parse(jdbcUrl).group(2);
    }

    /** The same server and options, another database. */
    public static String withDatabase(String jdbcUrl, String database) {
        Matcher url = parse(jdbcUrl);
        return "jdbc:postgresql://" + url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3));
    }

    public static void createIfMissing(String jdbcUrl, String user, String password) {
        String database = databaseOf(jdbcUrl);
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("LEDGER_DB_URL names database '" + database
                    + "': use letters, digits and underscores only");
        }
        try (Connection maintenance = connect(withDatabase(jdbcUrl, "postgres"), user, password);
             PreparedStatement exists = maintenance.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = maintenance.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException raced) {
                if (!"42P04".equals(raced.getSQLState())) { // duplicate_database: another node created it first
                    throw raced;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + withDatabase(jdbcUrl, "postgres")
                    + " to create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** How many sessions are connected to the database a JDBC URL names (other than this question's own). */
    public static int connectionsTo(String jdbcUrl, String user, String password) {
        try (Connection maintenance = connect(withDatabase(jdbcUrl, "postgres"), user, password);
             PreparedStatement count = maintenance.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            count.setString(1, databaseOf(jdbcUrl));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count connections to " + databaseOf(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    public static void dropIfExists(String jdbcUrl, String user, String password) {
        String database = databaseOf(jdbcUrl);
        try (Connection maintenance = connect(withDatabase(jdbcUrl, "postgres"), user, password);
             Statement drop = maintenance.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null && !user.isBlank() && !url.contains("user=")) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isBlank()) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static Matcher parse(String jdbcUrl) {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl
                    + " (expected jdbc:postgresql://host:port/database)");
        }
        return url;
    }

}
