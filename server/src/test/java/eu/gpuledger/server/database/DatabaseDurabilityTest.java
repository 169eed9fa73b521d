package eu.gpuledger.server.database;

import com.zaxxer.hikari.HikariDataSource;
import eu.gpuledger.server.LedgerApplication;
import eu.gpuledger.server.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The ledger starts only on a database that keeps what it acknowledged, unless told otherwise on purpose. */
class DatabaseDurabilityTest {

    private String url;
    private HikariDataSource dataSource;

    @BeforeEach
    void aDatabaseOfItsOwn() {
        url = TestDatabase.create();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(TestDatabase.user());
        dataSource.setPassword(TestDatabase.password());
        dataSource.setMaximumPoolSize(1);
    }

    @AfterEach
    void closePool() {
        dataSource.close();
    }

    @Test
    void the_ledger_refuses_to_start_on_a_database_with_synchronous_commit_off_and_says_how_to_allow_it() throws Exception {
        withDatabaseSetting("synchronous_commit = off");

        assertThatThrownBy(() -> startLedger(false).close())
                .rootCause()
                .isInstanceOf(NonDurableDatabase.class)
                .hasMessageContaining("synchronous_commit=off")
                .satisfies(refusal -> assertThat(((NonDurableDatabase) refusal).action())
                        .contains("ledger.db.allow-non-durable=true", "LEDGER_DB_ALLOW_NON_DURABLE=true"));
        assertThat(tableExists("flyway_schema_history")).as("a refused database is not migrated").isFalse();
    }

    @Test
    void a_database_with_synchronous_commit_off_is_accepted_when_allowed_on_purpose() throws Exception {
        withDatabaseSetting("synchronous_commit = off");

        assertThat(DatabaseDurability.settingsOff(dataSource, url)).contains("synchronous_commit");
        assertThatCode(() -> DatabaseDurability.check(dataSource, url, true)).doesNotThrowAnyException();
    }

    @Test
    void a_database_with_fsync_synchronous_commit_and_full_page_writes_on_is_accepted() {
        assumeThat(TestDatabase.onEmbeddedServer()).as("the tests' own throw-away server runs without fsync").isFalse();

        assertThat(DatabaseDurability.settingsOff(dataSource, url)).isEmpty();
        assertThatCode(() -> DatabaseDurability.check(dataSource, url, false)).doesNotThrowAnyException();
    }

    private AutoCloseable startLedger(boolean nonDurableAllowed) {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--ledger.db.url=" + url,
                "--ledger.db.user=" + TestDatabase.user(),
                "--ledger.db.password=" + TestDatabase.password(),
                "--ledger.db.allow-non-durable=" + nonDurableAllowed,
                "--server.port=0", "--spring.main.banner-mode=off", "--axoniq.update-checker.disabled=true");
    }

    /** A setting made for this one database, as an operator might: every new session of it gets the value. */
    private void withDatabaseSetting(String setting) throws SQLException {
        try (Connection maintenance = DriverManager.getConnection(DatabaseCreator.withDatabase(url, "postgres"),
                TestDatabase.user(), TestDatabase.password());
             Statement sql = maintenance.createStatement()) {
            sql.execute("ALTER DATABASE " + DatabaseCreator.databaseOf(url) + " SET " + setting);
        }
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
